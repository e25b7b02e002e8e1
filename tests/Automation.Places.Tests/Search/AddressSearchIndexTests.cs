using Automation.Places.Model;
using Automation.Places.Search;

namespace Automation.Places.Tests.Search;

/// <summary>Search behaviour on small hand-made address sets, where the expected order is obvious.</summary>
public sealed class AddressSearchIndexTests
{
    private static readonly AddressSearchIndex Index = AddressSearchIndex.Build(
    [
        Address("H.C. Andersens Boulevard", "H.C. Andersens Boulevard", "2", "1553", "København V"),
        Address("Christian IX's Gade", "Chr. IX's Gade", "7", "1111", "København K"),
        Address("Vestergade", "Vestergade", "5", "5000", "Odense C"),
        Address("Vestergade", "Vestergade", "5A", "5000", "Odense C"),
        Address("Vestergade", "Vestergade", "50", "5000", "Odense C"),
        Address("Vestergården", "Vestergården", "5", "5000", "Odense C"),
        Address("Vestergaade", "Vestergaade", "5", "5000", "Odense C"),
        Address("Sankt Knuds Gade", "Skt. Knuds Gade", "3", "5000", "Odense C"),
        Address("Kongensgade", "Kongensgade", "12", "6700", "Esbjerg"),
        Address("Kongevejen", "Kongevejen", "12", "2840", "Holte"),
    ]);

    [Theory]
    [InlineData("H C Andersens Blvd 2", "H.C. Andersens Boulevard 2, 1553 København V")]
    [InlineData("Chr IX's Gade 7", "Christian IX's Gade 7, 1111 København K")]
    [InlineData("Christian IX Gade 7", "Christian IX's Gade 7, 1111 København K")]
    [InlineData("Skt Knuds Gade 3", "Sankt Knuds Gade 3, 5000 Odense C")]
    [InlineData("Sct. Knuds Gade 3", "Sankt Knuds Gade 3, 5000 Odense C")]
    public void Search_Abbreviation_FindsTheAddress(string query, string expected)
    {
        Assert.Equal(expected, Index.Search(query, 3)[0].Text);
    }

    [Fact]
    public void Search_ExactBeforePrefixBeforeLetteredNumber_RanksInThatOrder()
    {
        var hits = Index.Search("Vestergade 5", 10).Select(h => h.Text).ToList();

        Assert.Equal("Vestergade 5, 5000 Odense C", hits[0]);
        Assert.True(hits.IndexOf("Vestergade 5A, 5000 Odense C") > 0);
        Assert.True(hits.IndexOf("Vestergade 50, 5000 Odense C") > 0);
        Assert.DoesNotContain("Vestergården 5, 5000 Odense C", hits);
    }

    [Theory]
    [InlineData("Vestergade 5 A")]
    [InlineData("Vestergade 5 A, 5000 Odense")]
    [InlineData("5000 vestergade 5 a")]
    public void Search_HouseNumberLetterTypedApart_FindsTheLetteredNumberFirst(string query)
    {
        Assert.Equal("Vestergade 5A, 5000 Odense C", Index.Search(query, 3)[0].Text);
    }

    [Fact]
    public void Search_NumberThenLetterStartingATown_StillFindsTheTown()
    {
        // No house number 7K exists, so the "K" is taken as the start of København.
        Assert.Equal("Christian IX's Gade 7, 1111 København K", Index.Search("Christian IX's Gade 7 K", 3)[0].Text);
    }

    [Fact]
    public void Search_RoadPrefix_RanksExactWordAboveLongerWords()
    {
        var hits = Index.Search("Vestergade", 10);

        Assert.StartsWith("Vestergade ", hits[0].Text, StringComparison.Ordinal);
        Assert.All(hits, h => Assert.Equal(0, h.Edits));
    }

    [Theory]
    [InlineData("Vestregade 5, 5000", 1)] // swapped neighbours: one edit
    [InlineData("Vestergde 5, 5000", 1)]
    [InlineData("Kongensgaed 12", 1)]
    [InlineData("Kongnsgaed 12", 2)] // eleven letters: two edits allowed
    public void Search_TypingErrors_AreForgivenAndCounted(string query, int edits)
    {
        var hit = Index.Search(query, 5)[0];

        Assert.Equal(edits, hit.Edits);
        Assert.True(hit.Text is "Vestergade 5, 5000 Odense C" or "Kongensgade 12, 6700 Esbjerg", hit.Text);
    }

    [Fact]
    public void Search_TwoErrorsInAShortWord_FindNothing()
    {
        // "Odnees" is two swaps from "Odense"; six letters allow one edit.
        Assert.Single(Index.Search("Vestergade 5, Odnese C", 1));
        Assert.Empty(Index.Search("Vestergade 5, Odnees C", 5));
    }

    [Fact]
    public void Search_TypoThatIsAnotherRealWord_ListsTheRealWordFirst()
    {
        // "Vestergaade" exists; its neighbour "Vestergade" is one edit away and comes after it.
        var hits = Index.Search("Vestergaade 5", 5);

        Assert.Equal("Vestergaade 5, 5000 Odense C", hits[0].Text);
        Assert.Equal(0, hits[0].Edits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",.-")]
    public void Search_EmptyOrPunctuationOnly_ReturnsNothing(string query)
    {
        Assert.Empty(Index.Search(query, 10));
    }

    [Fact]
    public void Search_VeryLongQuery_ReturnsNothing()
    {
        Assert.Empty(Index.Search(string.Concat(Enumerable.Repeat("Vestergade 5 ", 100)), 10));
        Assert.Empty(Index.Search(new string('x', 10_000), 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(AddressSearchIndex.MaxLimit + 1)]
    public void Search_LimitOutOfRange_ThrowsNamingTheRange(int limit)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Index.Search("Vestergade", limit));

        Assert.Contains("between 1 and 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoAddresses_SearchesReturnNothing()
    {
        Assert.Empty(AddressSearchIndex.Build([]).Search("Vestergade", 10));
    }

    [Fact]
    public void Search_ManyThreadsAtOnce_GiveTheSameResults()
    {
        var queries = new[] { "Vestergade 5", "Kongnsgaed 12", "Chr IX", "5000 Vest", "H C Andersens Blvd" };
        var expected = queries.Select(q => string.Join("|", Index.Search(q, 5).Select(h => h.Text))).ToArray();

        var results = new string[queries.Length * 200];
        Parallel.For(0, results.Length, i => results[i] = string.Join("|", Index.Search(queries[i % queries.Length], 5).Select(h => h.Text)));

        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal(expected[x.i % queries.Length], x.r));
    }

    private static AddressRecord Address(string road, string addressingRoad, string number, string postCode, string postName)
    {
        var id = Guid.NewGuid();
        return new AddressRecord(id, id, "0101", "1", road, addressingRoad, number, null, null, null, postCode, postName, new UtmPoint(700_000, 6_170_000), null, $"{road} {number}, {postCode} {postName}");
    }
}
