using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Json.Schema;

namespace Automation.Engine.Tests.Definitions;

/// <summary>The shipped JSON Schema describes the definition format the engine reads and writes.</summary>
public sealed class WorkflowSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(WorkflowSchema.Json));

    /// <summary>Definitions in the shape the engine's tests and the designer use.</summary>
    public static TheoryData<string> SampleDefinitions { get; } = new()
    {
        """
        {
          "id": "sequence", "name": "Sequence",
          "variables": [{ "name": "count", "type": "integer", "default": 1 }],
          "outputs": [{ "name": "count", "type": "integer" }],
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "inc", "type": "SetVariable", "inputs": { "variable": "count", "value": { "js": "variables.count + 41" } } },
              { "id": "say", "type": "Log", "inputs": { "message": { "js": "'count is ' + getCount()" } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "inc" } },
              { "source": { "activity": "inc", "port": "Done" }, "target": { "activity": "say" } }
            ]
          }
        }
        """,
        """
        {
          "$schema": "https://automation.example/workflow.schema.json",
          "id": "referral.intake-v2", "name": "Referral intake", "description": "Registers a referral once.", "version": 3,
          "inputs": [{ "name": "cpr", "type": "string", "required": true, "personal": true, "description": "Patient CPR number" }],
          "outputs": [{ "name": "registered", "type": "boolean", "personal": false }],
          "variables": [{ "name": "items", "type": "array", "default": [] }, { "name": "when", "type": "dateTime", "personal": false }],
          "triggers": [
            { "kind": "manual" },
            { "kind": "http", "path": "referrals", "methods": ["POST"] },
            { "kind": "cron", "cron": "0 7 * * 1-5" },
            { "kind": "timer", "interval": "01:00:00", "activity": "start" }
          ],
          "root": {
            "activities": [
              { "id": "start", "type": "Start", "metadata": { "designer": { "position": { "x": 10, "y": 20 } } } },
              { "id": "call", "type": "HttpRequest", "name": "Ask the registry", "inputs": { "url": "https://registry.local/api", "method": "GET" },
                "resilience": { "retryCount": 3, "retryDelay": "00:00:02", "exponentialBackoff": true, "timeout": "00:00:30" } },
              { "id": "pick", "type": "RunJavaScript", "inputs": { "script": "setOutcome(getItems().length > 0 ? 'Some' : 'None')", "outcomes": ["Some", "None"] } }
            ],
            "connections": [
              { "source": { "activity": "start" }, "target": { "activity": "call" } },
              { "source": { "activity": "call", "port": "Done" }, "target": { "activity": "pick", "port": "In" } }
            ]
          }
        }
        """,
    };

    /// <summary>Documents that must fail, and the instance location the failure must point at.</summary>
    public static TheoryData<string, string> BrokenDefinitions { get; } = new()
    {
        { """{ "id": "x", "root": { "activities": [{ "id": "start" }] } }""", "/root/activities/0" },
        { """{ "id": "x", "root": { "activities": [{ "id": "a", "type": "Start" }], "connections": [{ "source": "a", "target": { "activity": "a" } }] } }""", "/root/connections/0/source" },
        { """{ "id": "x", "root": { "activities": [{ "id": "a", "type": "Log", "inputs": { "message": { "js": 42 } } }] } }""", "/root/activities/0/inputs/message/js" },
        { """{ "id": "x", "variables": [{ "name": "n", "type": "int" }], "root": { "activities": [] } }""", "/variables/0/type" },
        { """{ "id": "x", "variables": [{ "name": "1st" }], "root": { "activities": [] } }""", "/variables/0/name" },
        { """{ "id": "has space", "root": { "activities": [] } }""", "/id" },
        { """{ "id": "x", "root": { "activities": [], "conections": [] } }""", "/root/conections" },
        { """{ "id": "x", "root": { "activities": [{ "id": "a", "type": "Log", "resilience": { "retryCount": 500 } }] } }""", "/root/activities/0/resilience/retryCount" },
        { """{ "id": "x", "root": { "activities": [{ "id": "a", "type": "Log", "resilience": { "timeout": "30 seconds" } }] } }""", "/root/activities/0/resilience/timeout" },
        { """{ "id": "x", "triggers": [{ "kind": "cron" }], "root": { "activities": [] } }""", "/triggers/0" },
        { """{ "name": "no id", "root": { "activities": [] } }""", "" },
    };

    [Fact]
    public void Json_IsAValidDraft202012Schema()
    {
        using var schema = JsonDocument.Parse(WorkflowSchema.Json);

        var result = MetaSchemas.Draft202012.Evaluate(schema.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Json_IsTheSchemaFileOfTheRepository()
    {
        var file = Path.Combine(RepositoryRoot(), "engine", "Automation.Engine", "Definitions", "workflow.schema.json");

        Assert.Equal(File.ReadAllText(file), WorkflowSchema.Json);
    }

    [Theory]
    [MemberData(nameof(SampleDefinitions))]
    public void Evaluate_SampleDefinition_Conforms(string json)
    {
        var result = Evaluate(json);

        Assert.True(result.IsValid, Describe(result));
    }

    [Theory]
    [MemberData(nameof(SampleDefinitions))]
    public void Evaluate_DefinitionAsTheEngineWritesIt_Conforms(string json)
    {
        var written = WorkflowJson.Serialize(TestEngine.Parse(json));

        var result = Evaluate(written);

        Assert.True(result.IsValid, Describe(result) + Environment.NewLine + written);
    }

    [Fact]
    public void Evaluate_WorkflowFilesOfTheRepository_Conform()
    {
        var folder = Path.Combine(RepositoryRoot(), "workflows");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories) : [];
        var failures = new List<string>();

        foreach (var file in files.Where(f => !IsElsaExport(File.ReadAllText(f))))
        {
            var result = Evaluate(File.ReadAllText(file));
            if (!result.IsValid)
            {
                failures.Add($"{Path.GetRelativePath(folder, file)}: {Describe(result)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(BrokenDefinitions))]
    public void Evaluate_BrokenDefinition_FailsAtTheBrokenPlace(string json, string location)
    {
        var result = Evaluate(json);

        Assert.False(result.IsValid);
        var failing = result.Details!.Where(d => d.Errors is { Count: > 0 }).Select(d => d.InstanceLocation.ToString()).ToList();
        Assert.True(failing.Contains(location), $"expected a failure at '{location}', got: {Describe(result)}");
    }

    [Theory]
    [InlineData(typeof(WorkflowDefinition), "")]
    [InlineData(typeof(Flowchart), "/$defs/flowchart")]
    [InlineData(typeof(ActivityNode), "/$defs/activity")]
    [InlineData(typeof(Connection), "/$defs/connection")]
    [InlineData(typeof(Endpoint), "/$defs/endpoint")]
    [InlineData(typeof(ResilienceSettings), "/$defs/resilience")]
    [InlineData(typeof(VariableDefinition), "/$defs/variable")]
    [InlineData(typeof(WorkflowInput), "/$defs/workflowInput")]
    [InlineData(typeof(WorkflowOutput), "/$defs/workflowOutput")]
    [InlineData(typeof(TriggerDefinition), "/$defs/trigger")]
    public void Json_DescribesEveryPropertyOfTheModel(Type model, string pointer)
    {
        var properties = SchemaAt(pointer)["properties"]!.AsObject();

        var missing = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Where(name => !properties.ContainsKey(name))
            .ToList();

        Assert.True(missing.Count == 0, $"workflow.schema.json {pointer} lacks: {string.Join(", ", missing)}; describe them there");
    }

    [Fact]
    public void Json_ListsEveryDataType()
    {
        var listed = SchemaAt("/$defs/dataType")["enum"]!.AsArray().Select(v => v!.GetValue<string>());

        Assert.Equal(Enum.GetNames<DataType>().Select(JsonNamingPolicy.CamelCase.ConvertName), listed);
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults result) =>
        string.Join("; ", result.Details?.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []);

    private static JsonNode SchemaAt(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(JsonNode.Parse(WorkflowSchema.Json)!, (node, part) => node[part]!);

    /// <summary>Elsa 3 exports live beside our own files; they are imported, not read as this format.</summary>
    private static bool IsElsaExport(string json) =>
        json.Contains("\"Elsa.", StringComparison.Ordinal);

    /// <summary>The checkout the tests were built from; builds may put binaries elsewhere (--artifacts-path), so the source path counts too.</summary>
    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "", Environment.CurrentDirectory })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No Automation.sln above {AppContext.BaseDirectory} or {source}; run the tests from the repository.");
    }
}
