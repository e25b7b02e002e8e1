using Automation.Connectors.Reconciliation;

namespace Automation.Connectors.Tests.Reconciliation;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("  Nørregade 5 ", "Nørregade 5")]
    [InlineData("\tx\n", "x")]
    public void Normalize_Trim_RemovesOuterWhiteSpaceOnly(string value, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(value, Normalization.Trim));

    [Fact]
    public void Normalize_Whitespace_CollapsesRuns() =>
        Assert.Equal("Anne Marie Hansen", TextNormalizer.Normalize("Anne  \t Marie\u00A0Hansen", Normalization.Whitespace));

    [Fact]
    public void Normalize_Case_LowersInvariantly() =>
        Assert.Equal("ærø kommune", TextNormalizer.Normalize("ÆRØ Kommune", Normalization.Case));

    [Theory]
    [InlineData("Åbenrå", "Aabenraa")]
    [InlineData("Ærø", "Aeroe")]
    [InlineData("Søren Kierkegård", "Soeren Kierkegaard")]
    [InlineData("René", "Rene")]
    [InlineData("ÆRØ", "AEROE")]
    public void Normalize_Danish_TreatsLetterAndSpellingAsEqual(string letter, string spelled) =>
        Assert.Equal(TextNormalizer.Normalize(spelled, Normalization.Danish), TextNormalizer.Normalize(letter, Normalization.Danish));

    [Fact]
    public void Normalize_DanishWithoutCase_KeepsOtherLettersApart() =>
        Assert.NotEqual(TextNormalizer.Normalize("Aabenraa", Normalization.Danish), TextNormalizer.Normalize("aabenraa", Normalization.Danish));

    [Theory]
    [InlineData("+45 12 34 56 78", "12345678")]
    [InlineData("0045 12345678", "12345678")]
    [InlineData("12-34-56-78", "12345678")]
    [InlineData("(+46) 8 123 456 78", "46812345678")]
    [InlineData("4512345678", "4512345678")]
    public void Normalize_Phone_KeepsDigitsAndDropsDanishPrefix(string value, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(value, Normalization.Phone));

    [Theory]
    [InlineData("05-03-1961", "1961-03-05")]
    [InlineData("5.3.1961", "1961-03-05")]
    [InlineData("05.03.1961", "1961-03-05")]
    [InlineData("5/3/1961", "1961-03-05")]
    [InlineData("1961-03-05", "1961-03-05")]
    [InlineData("1961-03-05T00:00:00", "1961-03-05")]
    [InlineData(" 5-3-1961 ", "1961-03-05")]
    [InlineData("ukendt", "ukendt")]
    [InlineData("31-02-2024", "31-02-2024")]
    public void Normalize_Date_GivesIsoDayOrLeavesText(string value, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(value, Normalization.Date));

    [Theory]
    [InlineData("Nørregade 5, 2. th.", "Nørreg. 5 2 th")]
    [InlineData("Kongevej 12, st. tv.", "Kongev. 12, st tv")]
    [InlineData("Kongevej 12 st.tv.", "kongevej 12 st tv")]
    [InlineData("Søndre Allé 3, 1. sal", "Søndre Alle 3 1.")]
    [InlineData("Bredgade 5A", "BREDGADE 5 A")]
    [InlineData("Vestergade 10, 3. t.h.", "Vestergade 10,3.th")]
    [InlineData("Strandvejen 4, 1. mf.", "Strandvejen  4 1 m.f.")]
    public void Normalize_Address_TreatsDanishSpellingsAsEqual(string a, string b) =>
        Assert.Equal(TextNormalizer.Normalize(a, Normalization.Address), TextNormalizer.Normalize(b, Normalization.Address));

    [Theory]
    [InlineData("Nørregade 5", "Nørregade 7")]
    [InlineData("Kongevej 12, 2. th.", "Kongevej 12, 2. tv.")]
    [InlineData("Bredgade 5A", "Bredgade 5B")]
    [InlineData("Vestergade 10", "Østergade 10")]
    public void Normalize_Address_KeepsRealDifferences(string a, string b) =>
        Assert.NotEqual(TextNormalizer.Normalize(a, Normalization.Address), TextNormalizer.Normalize(b, Normalization.Address));

    [Fact]
    public void Normalize_Address_ShowsCanonicalForm() =>
        Assert.Equal("noerregade 5 2 th", TextNormalizer.Normalize("  Nørreg. 5,  2. t.h. ", Normalization.Trim | Normalization.Address | Normalization.Danish));

    [Fact]
    public void Normalize_Combined_RunsStepsInFixedOrder() =>
        Assert.Equal("soeren aabye", TextNormalizer.Normalize("  SØREN   Åbye ", Normalization.Danish | Normalization.Case | Normalization.Whitespace | Normalization.Trim));

    [Fact]
    public void Parse_UnknownName_FaultNamesItAndTheKnownOnes()
    {
        var fault = Assert.Throws<Automation.Engine.Runtime.WorkflowFaultException>(() => NormalizationNames.Parse(["trim", "soundex"], "Field 'name'"));

        Assert.Contains("'soundex'", fault.Message, StringComparison.Ordinal);
        Assert.Contains("danish", fault.Message, StringComparison.Ordinal);
    }
}
