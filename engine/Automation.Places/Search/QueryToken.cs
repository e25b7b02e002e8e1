namespace Automation.Places.Search;

/// <summary>
/// What one folded query token can match: vocabulary words (exactly, as a prefix when it is the last token, or
/// within the allowed edits) and, independently, house numbers, floors and doors. Costs are
/// <see cref="QueryToken.Exact"/>, <see cref="QueryToken.Prefix"/> or edits × <see cref="QueryToken.EditWeight"/>,
/// so summing them over tokens orders results by edits first, then by prefix matches.
/// </summary>
internal sealed class QueryToken
{
    public const int Exact = 0;
    public const int Prefix = 1;
    public const int EditWeight = 32;

    public QueryToken(string text, string typoForm, bool isLast)
    {
        Text = text;
        TypoForm = typoForm;
        IsLast = isLast;
        IsAlphabetic = text.All(char.IsAsciiLetter);
        IsNumericStart = char.IsAsciiDigit(text[0]);
    }

    public string Text { get; }

    public bool IsLast { get; }

    public bool IsAlphabetic { get; }

    public bool IsNumericStart { get; }

    /// <summary>Id of the vocabulary word equal to the token, or -1.</summary>
    public int ExactWord { get; set; } = -1;

    /// <summary>Vocabulary ids [PrefixLow, PrefixHigh) of words starting with the token (last token only).</summary>
    public int PrefixLow { get; set; }

    public int PrefixHigh { get; set; }

    /// <summary>Vocabulary words within the allowed edits, with their edit counts; null when typo matching is off.</summary>
    public Dictionary<int, int>? Typos { get; set; }

    /// <summary>Cost per house-number id, or null when the token cannot be a house number.</summary>
    public sbyte[]? HouseNumberCost { get; set; }

    /// <summary>Cost per floor id (0 = none), or null when it matches no floor.</summary>
    public sbyte[]? FloorCost { get; set; }

    /// <summary>Cost per door id (0 = none), or null when it matches no door.</summary>
    public sbyte[]? DoorCost { get; set; }

    /// <summary>Cheapest address-level match (house number, floor or door), or -1 when there is none.</summary>
    public int AddressBest { get; set; } = -1;

    /// <summary>How many groups its word matches point at (an upper bound, used to pick the driving token).</summary>
    public long GroupEstimate { get; set; }

    /// <summary>True when the token can only be satisfied by a road, town or postal-code word.</summary>
    public bool MustMatchGroup => AddressBest < 0;

    public bool HasWordMatch => ExactWord >= 0 || PrefixHigh > PrefixLow || Typos is { Count: > 0 };

    /// <summary>The most edits tolerated for this token: 1 for 4–7 letters, 2 for longer, none for shorter or digits.</summary>
    public int MaxEdits => !IsAlphabetic || TypoForm.Length < 4 ? 0 : TypoForm.Length <= 7 ? 1 : 2;

    /// <summary>The token with æ, ø, å kept as one letter (see <see cref="DanishFolding.TokenizeWithTypoForms"/>).</summary>
    public string TypoForm { get; }

    /// <summary>
    /// True when typing errors are forgiven for this token: each vocabulary word it meets in a candidate group is
    /// then checked with a bounded edit distance (remembered in <see cref="Checked"/>); only a token that must
    /// produce the candidate groups itself gets the full neighbourhood from the trie (<see cref="Typos"/>).
    /// </summary>
    public bool Tolerant { get; set; }

    /// <summary>Edit-distance results per word for a tolerant token (cost, or -1).</summary>
    public Dictionary<int, int> Checked { get; } = [];

    /// <summary>Cost of matching vocabulary word <paramref name="word"/> by exact, prefix or trie neighbourhood; -1 otherwise.</summary>
    public int WordCost(int word)
    {
        if (word == ExactWord)
        {
            return Exact;
        }

        if (word >= PrefixLow && word < PrefixHigh)
        {
            return Prefix;
        }

        return Typos is not null && Typos.TryGetValue(word, out var edits) ? edits * EditWeight : -1;
    }
}
