using Automation.Places.Model;
using Automation.Places.Search;
using Automation.Places.Tests.SampleData;

namespace Automation.Places.Tests.Search;

/// <summary>Search over the real DAWA sample: 2,800 adresser and 1,322 adgangsadresser in one index.</summary>
public sealed class AddressSearchSampleTests
{
    private static AddressSearchIndex Index => PlacesSample.Index;

    [Fact]
    public void Search_OwnBetegnelseOfEveryAdresse_FindsItFirst()
    {
        var misses = PlacesSample.Units
            .Where(u => PlacesSample.UnitIndex.Search(u.Text, 1) is not [var hit] || hit.Id != u.Id)
            .Select(u => $"{u.Text} -> {Top(PlacesSample.UnitIndex, u.Text)}")
            .ToList();

        Assert.Equal(2800, PlacesSample.Units.Count);
        Assert.True(misses.Count == 0, $"{misses.Count} adresser not first: " + string.Join(" | ", misses.Take(10)));
    }

    [Fact]
    public void Search_OwnBetegnelseOfEveryAdgangsadresse_FindsItFirst()
    {
        var misses = PlacesSample.AccessAddresses
            .Where(a => Index.Search(a.Text, 1) is not [var hit] || hit.Id != a.Id)
            .Select(a => $"{a.Text} -> {Top(Index, a.Text)}")
            .ToList();

        Assert.Equal(1322, PlacesSample.AccessAddresses.Count);
        Assert.True(misses.Count == 0, $"{misses.Count} adgangsadresser not first: " + string.Join(" | ", misses.Take(10)));
    }

    [Fact]
    public void Search_DarSpellingVariants_FindTheAddressFirst()
    {
        // DAR 1.0's adressebetegnelse spells 12 of our addresses differently: the addressing road name
        // ("Borgm Christiansensg", "Sø Svenstrup Byvej"), the town in full ("Høje Taastrup" for "Høje Taastr.")
        // and "Aarhus C" for "Århus C".
        var units = PlacesSample.Units.ToDictionary(u => u.Id);
        var variants = PlacesSample.DarVariants();
        var spelling = variants.Where(v => SameHouseAndPlace(units[v.Key], v.Value)).ToList();

        var misses = spelling
            .Where(v => PlacesSample.UnitIndex.Search(v.Value, 1) is not [var hit] || hit.Id != v.Key)
            .Select(v => $"{v.Value} -> {Top(PlacesSample.UnitIndex, v.Value)}")
            .ToList();

        Assert.Equal(22, variants.Count);
        Assert.Equal(12, spelling.Count);
        Assert.True(misses.Count == 0, string.Join(" | ", misses));
    }

    [Fact]
    public void Search_OneTypoInTheRoadName_FindsTheAddressInTopFive()
    {
        var tried = 0;
        var misses = new List<string>();
        foreach (var (address, i) in PlacesSample.AccessAddresses.Select((a, i) => (a, i)))
        {
            var query = WithTypo(address, i);
            if (query is null)
            {
                continue;
            }

            tried++;
            if (!Index.Search(query, 5).Any(h => h.Id == address.Id))
            {
                misses.Add($"{query} (for {address.Text})");
            }
        }

        Assert.True(tried > 1200, $"only {tried} typo queries");
        Assert.True(misses.Count == 0, $"{misses.Count}/{tried} typo queries missed: " + string.Join(" | ", misses.Take(10)));
    }

    [Theory]
    [InlineData("Gammel Assensvej", "Gl. Assensvej")]
    [InlineData("Gl Havdrupvej", "Gammel Havdrupvej")]
    [InlineData("Nordre Engvej", "Ndr Engvej")]
    [InlineData("Sdr Kinkelgade", "Søndre Kinkelgade")]
    [InlineData("Haveforeningen Ny Nordre Eng", "Hf. Ny Nordre Eng")]
    [InlineData("Borgm Christiansens Gade", "Borgmester Christiansens Gade")]
    public void Search_AbbreviatedOrSpelledOutRoadName_FindsTheRoad(string query, string road)
    {
        var hits = Index.Search(query, 10);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.StartsWith(road + " ", h.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Search_RoadAndHouseNumber_ListsAdgangsadresseThenItsFloors()
    {
        var hits = Index.Search("Holmens Kanal 2", 10);

        Assert.Equal("Holmens Kanal 2, 1060 København K", hits[0].Text);
        Assert.True(hits[0].IsAccessAddress);
        Assert.Contains(hits, h => h.Text == "Holmens Kanal 2, 1., 1060 København K");
        Assert.Contains(hits, h => h.Text == "Holmens Kanal 2, 2., 1060 København K");
    }

    [Fact]
    public void Search_FloorAndDoorTokens_FindThatUnit()
    {
        var hits = Index.Search("borgmester christiansens gade 45 st th", 3);

        Assert.Equal("Borgmester Christiansens Gade 45, st. th, 2450 København SV", hits[0].Text);
    }

    [Fact]
    public void Search_NumberWithoutLetter_AlsoFindsLetteredHouseNumbers()
    {
        var hits = Index.Search("Knudstrupvej 6, 4200", 10);

        Assert.Equal("Knudstrupvej 6, Drøsselbjerg, 4200 Slagelse", hits[0].Text);
        Assert.Contains(hits, h => h.Text == "Knudstrupvej 6A, Drøsselbjerg, 4200 Slagelse");
    }

    [Theory]
    [InlineData("1060 Holmens Kanal 2")]
    [InlineData("København K Holmens Kanal 2")]
    [InlineData("holmens kanal 2 1060")]
    public void Search_PostalCodeOrTownInAnyOrder_FindsTheAddress(string query)
    {
        Assert.Equal("Holmens Kanal 2, 1060 København K", Index.Search(query, 5)[0].Text);
    }

    [Theory]
    [InlineData("HOLMENS KANAL 2, 1060 KØBENHAVN K")]
    [InlineData("holmens kanal 2, 1060 koebenhavn k")]
    [InlineData("Holmens Kanal 2, 1060 Kobenhavn K")]
    public void Search_CaseAndDanishLetters_AreFolded(string query)
    {
        Assert.Equal("Holmens Kanal 2, 1060 København K", Index.Search(query, 5)[0].Text);
    }

    [Fact]
    public void Search_AarhusSpelledWithAa_FindsÅrhus()
    {
        Assert.Equal("Margrethepladsen 4, 4., 8000 Århus C", Index.Search("Margrethepladsen 4, 4., 8000 Aarhus C", 5)[0].Text);
    }

    [Fact]
    public void Search_LastTokenIsAPrefix_AutocompletesTheRoad()
    {
        var hits = Index.Search("holmens ka", 20);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.StartsWith("Holmens Kanal ", h.Text, StringComparison.Ordinal));
        Assert.All(hits, h => Assert.Equal(0, h.Edits));
    }

    [Fact]
    public void Search_Hit_CarriesIdPostCodeAndEntrance()
    {
        var expected = PlacesSample.AccessAddresses.First(a => a.Text == "Holmens Kanal 2, 1060 København K");

        var hit = Index.Search("Holmens Kanal 2, 1060", 1)[0];

        Assert.Equal(expected.Id, hit.Id);
        Assert.Equal("1060", hit.PostCode);
        Assert.Equal(expected.Entrance, hit.Entrance);
    }

    private static string Top(AddressSearchIndex index, string query) => index.Search(query, 1) is [var hit] ? hit.Text : "(nothing)";

    private static bool SameHouseAndPlace(AddressRecord unit, string variant)
    {
        // Spelling variants keep road (its first word may be abbreviated), house number, floor/door and postal code;
        // the other ten differences are data changes in DAR (another house number, door, road or postal district).
        var ours = unit.Text.Split(", ");
        var theirs = variant.Split(", ");
        var ourRoad = ours[0].Split(' ');
        var theirRoad = theirs[0].Split(' ');
        return ours.Length == theirs.Length
            && ourRoad[^1] == theirRoad[^1]
            && (ourRoad[0].StartsWith(theirRoad[0], StringComparison.Ordinal) || theirRoad[0].StartsWith(ourRoad[0], StringComparison.Ordinal))
            && ours[^1][..4] == theirs[^1][..4]
            && ours.Where(IsUnitPart).SequenceEqual(theirs.Where(IsUnitPart));
    }

    private static bool IsUnitPart(string part, int index) =>
        index > 0 && (part.Any(char.IsAsciiDigit) && !char.IsAsciiDigit(part[0]) || part.StartsWith("st.", StringComparison.Ordinal) || part.StartsWith("kl.", StringComparison.Ordinal) || char.IsAsciiDigit(part[0]) && part.Contains('.', StringComparison.Ordinal));

    /// <summary>One edit (swap, deletion, substitution or insertion, in turn) in the longest road word.</summary>
    private static string? WithTypo(AddressRecord address, int seed)
    {
        var words = address.RoadName.Split(' ');
        var word = words.OrderByDescending(w => w.Length).First();
        if (word.Length < 5 || !address.Text.StartsWith(address.RoadName, StringComparison.Ordinal))
        {
            return null;
        }

        var at = 1 + (seed % (word.Length - 3));
        var typo = (seed % 4) switch
        {
            0 => string.Concat(word.AsSpan(0, at), word[at + 1].ToString(), word[at].ToString(), word.AsSpan(at + 2)),
            1 => word.Remove(at, 1),
            2 => string.Concat(word.AsSpan(0, at), word[at] == 'e' ? "a" : "e", word.AsSpan(at + 1)),
            _ => word.Insert(at, "r"),
        };
        var road = string.Join(' ', words.Select(w => w == word ? typo : w));
        return road + address.Text[address.RoadName.Length..];
    }
}
