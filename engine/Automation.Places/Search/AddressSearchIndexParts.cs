using Automation.Places.Model;

namespace Automation.Places.Search;

/// <summary>The arrays an <see cref="AddressSearchIndex"/> is made of, as produced by <see cref="AddressSearchIndexBuilder"/>.</summary>
internal sealed class AddressSearchIndexParts
{
    /// <summary>Records sorted by group, house number, floor, door.</summary>
    public required AddressRecord[] Records { get; init; }

    /// <summary>Per record: its house-number id.</summary>
    public required int[] HouseNumber { get; init; }

    /// <summary>Per record: its floor id (0 = none).</summary>
    public required short[] Floor { get; init; }

    /// <summary>Per record: its door id (0 = none).</summary>
    public required short[] Door { get; init; }

    /// <summary>Folded house numbers by id ("5a").</summary>
    public required string[] HouseNumbers { get; init; }

    /// <summary>Folded floors by id; id 0 is "no floor".</summary>
    public required string[] Floors { get; init; }

    /// <summary>Folded doors by id; id 0 is "no door".</summary>
    public required string[] Doors { get; init; }

    /// <summary>Per group (plus one): index of its first record.</summary>
    public required int[] GroupAddressStart { get; init; }

    /// <summary>Per group (plus one): index of its first word in <see cref="GroupWords"/>.</summary>
    public required int[] GroupWordStart { get; init; }

    /// <summary>Word ids of each group (originals and their abbreviations).</summary>
    public required int[] GroupWords { get; init; }

    /// <summary>Per group word: which original word of the betegnelse it stands for (255 = none).</summary>
    public required byte[] GroupWordOrigin { get; init; }

    /// <summary>Per group: how many words its betegnelse has apart from house number, floor and door.</summary>
    public required byte[] GroupOriginals { get; init; }

    /// <summary>The vocabulary, sorted ordinally (so a prefix is a contiguous id range).</summary>
    public required string[] Words { get; init; }

    /// <summary>Per word (plus one): index of its first group in <see cref="Postings"/>.</summary>
    public required int[] PostingStart { get; init; }

    /// <summary>Group ids per word, ascending.</summary>
    public required int[] Postings { get; init; }

    /// <summary>Spellings for typo matching: every word, then the æ/ø/å forms of words written with them.</summary>
    public required string[] TypoForms { get; init; }

    /// <summary>Per entry of <see cref="TypoForms"/>: the word id it stands for.</summary>
    public required int[] TypoFormWords { get; init; }
}
