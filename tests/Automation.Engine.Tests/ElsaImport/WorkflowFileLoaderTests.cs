using System.Text.Json.Nodes;
using Automation.Engine.ElsaImport;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.ElsaImport;

public sealed class WorkflowFileLoaderTests
{
    [Fact]
    public void Load_ElsaDesignerExport_KeepsPositionsAndSizes()
    {
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("07-fork.json"));

        var fork = definition.Root.Activities.Single(a => a.Id == "c0e09e3ac3cfdba7");
        var designer = fork.Metadata!["designer"]!;
        Assert.Equal(-340, designer["x"]!.GetValue<double>());
        Assert.Equal(-197, designer["y"]!.GetValue<double>());
        Assert.Equal(145.5625, designer["width"]!.GetValue<double>());
        Assert.Equal(50, designer["height"]!.GetValue<double>());
        Assert.Equal("FlowFork1", fork.Name);
    }

    [Fact]
    public void Load_LegacyConnectionsWithoutSizes_KeepPositionsAndDisplayText()
    {
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("06-implicit-loop.json"));

        var increment = definition.Root.Activities.Single(a => a.Id == "SetVariable1");
        Assert.Equal("Increment counter", increment.Name);
        Assert.Equal(2620, increment.Metadata!["designer"]!["x"]!.GetValue<double>());
        Assert.Equal(2280, increment.Metadata!["designer"]!["y"]!.GetValue<double>());
        Assert.Null(increment.Metadata!["designer"]!["width"]);
    }

    [Fact]
    public void LoadJson_MalformedJson_NamesSourceLineAndPosition()
    {
        const string json = "{\n  \"name\": \"Broken\",\n  \"root\": { \"activities\": [ }\n}";

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFileLoader.LoadJson(json, "broken.json"));

        Assert.StartsWith("broken.json is not a valid workflow:", error.Message, StringComparison.Ordinal);
        var problem = Assert.Single(error.Problems);
        Assert.Contains("malformed JSON at line 3, position 29", problem.Message, StringComparison.Ordinal);
        Assert.Contains("fix the JSON syntax", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"elsa-broken-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"definitionId\": \"x\", \"root\": ");
        try
        {
            var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFileLoader.Load(path));

            Assert.StartsWith($"{path} is not a valid workflow:", error.Message, StringComparison.Ordinal);
            Assert.Contains("malformed JSON at line 1", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadJson_UnknownElsaActivityType_NamesTypeAndActivity()
    {
        var json = Elsa(
            """
            { "id": "start", "type": "Elsa.Start" },
            { "id": "mail1", "type": "Elsa.SendEmail", "subject": { "typeName": "String", "expression": { "type": "Literal", "value": "Hi" } } }
            """,
            """{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "mail1", "port": "In" } }""");

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFileLoader.LoadJson(json, "mail.json"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.root.activities[1].type", problem.Path);
        Assert.StartsWith("activity 'mail1' has type 'Elsa.SendEmail', which cannot be imported;", problem.Message, StringComparison.Ordinal);
        Assert.Equal("mail1", problem.ActivityId);
    }

    [Fact]
    public void LoadJson_LiquidExpression_IsRejectedNamingLanguageActivityAndInput()
    {
        var json = Elsa("""{ "id": "say", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Liquid", "value": "{{ Variables.Name }}" } } }""", "");

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFileLoader.LoadJson(json));

        Assert.Equal(
            "activity 'say' (Elsa.WriteLine), input 'text': Liquid expressions are not supported; rewrite the expression as JavaScript",
            Assert.Single(error.Problems).Message);
    }

    [Fact]
    public async Task LoadJson_OurFormatWithByteOrderMark_LoadsAndRuns()
    {
        var json = "\uFEFF" + """
        {
          "id": "ours", "name": "Ours",
          "root": { "activities": [ { "id": "say", "type": "Log", "inputs": { "message": "plain" } } ] }
        }
        """;
        using var engine = new TestEngine();

        var definition = WorkflowFileLoader.LoadJson(json, "ours.json");
        var result = await engine.RunAsync(definition);

        Assert.Null(definition.ImportedFrom);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["plain"], engine.Log.Lines);
    }

    [Fact]
    public void LoadJson_OurFormatWithWrongValueType_NamesPathAndLine()
    {
        const string json = "{\n  \"id\": \"ours\",\n  \"version\": \"one\"\n}";

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFileLoader.LoadJson(json, "ours.json"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.version", problem.Path);
        Assert.Contains("at line 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadJson_FlowSwitchWithJavaScriptCases_ContinuesThroughTheMatchingLabel()
    {
        var json = Elsa(
            """
            { "id": "switch1", "type": "Elsa.FlowSwitch", "cases": [
                { "label": "Small", "condition": { "type": "JavaScript", "value": "getSize() < 10" } },
                { "label": "Large", "condition": { "type": "JavaScript", "value": "getSize() >= 10" } } ] },
            { "id": "small", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "small" } } },
            { "id": "large", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'large: ' + variables.Size" } } }
            """,
            """
            { "source": "switch1", "sourcePort": "Small", "target": "small", "targetPort": "In" },
            { "source": "switch1", "sourcePort": "Large", "target": "large", "targetPort": "In" }
            """,
            """[ { "id": "v1", "name": "Size", "typeName": "Int32", "value": "12" } ]""");
        using var engine = new TestEngine();

        var result = await engine.RunAsync(WorkflowFileLoader.LoadJson(json));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["large: 12"], engine.Log.Lines);
    }

    [Fact]
    public async Task LoadJson_DecisionBranchesMeetAgain_MergedActivityRunsOnceWithoutAJoin()
    {
        var json = Elsa(
            """
            { "id": "decide", "type": "Elsa.FlowDecision", "condition": { "typeName": "Boolean", "expression": { "type": "Literal", "value": "False" } } },
            { "id": "yes", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "yes" } } },
            { "id": "no", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "no" } } },
            { "id": "after", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "after" } } }
            """,
            """
            { "source": { "activity": "decide", "port": "True" }, "target": { "activity": "yes", "port": "In" } },
            { "source": { "activity": "decide", "port": "False" }, "target": { "activity": "no", "port": "In" } },
            { "source": { "activity": "yes", "port": "Done" }, "target": { "activity": "after", "port": "In" } },
            { "source": { "activity": "no", "port": "Done" }, "target": { "activity": "after", "port": "In" } }
            """);
        using var engine = new TestEngine();

        var definition = WorkflowFileLoader.LoadJson(json);
        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["no", "after"], engine.Log.Lines);
        Assert.DoesNotContain(definition.Root.Activities, a => a.Type == "Join");
    }

    [Fact]
    public async Task LoadJson_FlowJoinWithoutMode_WaitsForAnyLikeElsa()
    {
        var json = Elsa(
            """
            { "id": "fork", "type": "Elsa.FlowFork", "branches": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"A\",\"B\"]" } } },
            { "id": "a", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "a" } } },
            { "id": "wait", "type": "Elsa.Delay", "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:10:00" } } },
            { "id": "join", "type": "Elsa.FlowJoin" },
            { "id": "end", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "joined" } } }
            """,
            """
            { "source": { "activity": "fork", "port": "A" }, "target": { "activity": "a", "port": "In" } },
            { "source": { "activity": "fork", "port": "B" }, "target": { "activity": "wait", "port": "In" } },
            { "source": { "activity": "a", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
            { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
            { "source": { "activity": "join", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
            """);
        using var engine = new TestEngine();

        var result = await engine.RunAsync(WorkflowFileLoader.LoadJson(json));

        // WaitAny continues at the first arrival and cancels the delay still pending upstream.
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Empty(result.Bookmarks);
        Assert.Equal(["a", "joined"], engine.Log.Lines);
    }

    private static string Elsa(string activities, string connections, string variables = "[]") => $$"""
        {
          "definitionId": "test-flow",
          "name": "Test flow",
          "variables": {{variables}},
          "root": {
            "type": "Elsa.Flowchart",
            "id": "Flowchart1",
            "activities": [ {{activities}} ],
            "connections": [ {{connections}} ]
          }
        }
        """;
}
