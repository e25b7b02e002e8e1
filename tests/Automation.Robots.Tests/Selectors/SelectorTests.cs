using System.Text.Json.Nodes;
using Automation.Robots.Selectors;

namespace Automation.Robots.Tests.Selectors;

public sealed class SelectorTests
{
    [Fact]
    public void Parse_ArrayOfCandidates_KeepsOrderAndKinds()
    {
        var selector = Selector.Parse(JsonNode.Parse("""
            [{"role": "button", "name": "Gem"}, {"label": "CPR-nummer"}, {"testId": "save"}, {"text": "Gem"}, {"css": "#save"}, {"xpath": "//input[@name='cpr']"}]
            """));

        Assert.Equal(
            [SelectorKind.Role, SelectorKind.Label, SelectorKind.TestId, SelectorKind.Text, SelectorKind.Css, SelectorKind.XPath],
            selector.Candidates.Select(c => c.Kind));
        Assert.Equal("{role: \"button\", name: \"Gem\"}", selector.Candidates[0].ToString());
    }

    [Fact]
    public void Parse_PlainText_IsOneCssCandidate()
    {
        var selector = Selector.Parse(JsonValue.Create("#save"));

        Assert.Equal("[{css: \"#save\"}]", selector.ToString());
    }

    [Fact]
    public void Parse_JsonInText_IsReadAsCandidates()
    {
        var selector = Selector.Parse(JsonValue.Create("""[{"label": "Navn"}]"""));

        Assert.Equal("Navn", selector.Candidates.Single().Label);
    }

    [Fact]
    public void Parse_GeometryAnchor_IsARoleCandidateNextToALabel()
    {
        var selector = Selector.Parse(JsonNode.Parse("""[{"role": "combobox", "rightOf": "Prioritet"}, {"role": "textbox", "below": "Bemærkning"}]"""));

        Assert.Equal([SelectorKind.Role, SelectorKind.Role], selector.Candidates.Select(c => c.Kind));
        Assert.Equal("Prioritet", selector.Candidates[0].RightOf);
        Assert.Equal("{role: \"combobox\", rightOf: \"Prioritet\"}", selector.Candidates[0].ToString());
        Assert.Equal("Bemærkning", selector.Candidates[1].Below);
    }

    [Theory]
    [InlineData("""[{"rightOf": "Prioritet"}]""", "geometry anchor but no role")]
    [InlineData("""[{"role": "textbox", "rightOf": "A", "below": "B"}]""", "sets both rightOf and below")]
    [InlineData("""[{"css": "#a", "label": "Navn"}]""", "must set exactly one of")]
    [InlineData("""[{"name": "Gem"}]""", "has a name but no role")]
    [InlineData("""[{"id": "save"}]""", "unknown field 'id'")]
    [InlineData("""[]""", "needs at least one candidate")]
    [InlineData("""[42]""", "is not an object")]
    public void Parse_WrongCandidate_FailsSayingWhatToWrite(string json, string expected)
    {
        var error = Assert.Throws<SelectorException>(() => Selector.Parse(JsonNode.Parse(json)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
