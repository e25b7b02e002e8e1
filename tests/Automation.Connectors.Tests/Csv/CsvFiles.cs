using System.Text.Json.Nodes;
using Automation.Engine.Definitions;

namespace Automation.Connectors.Tests.Csv;

/// <summary>A temporary folder for one test class's CSV files, and workflows that read and write them.</summary>
public sealed class CsvFiles : IDisposable
{
    public CsvFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "automation-csv-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>A workflow with one CsvRead activity whose result lands in the variable <c>result</c>.</summary>
    internal static WorkflowDefinition ReadFlow(JsonObject inputs)
    {
        inputs["resultVariable"] = "result";
        return Flow("csv-read", "CsvRead", inputs);
    }

    /// <summary>A workflow with one CsvWrite activity that writes the workflow input <c>rows</c>.</summary>
    internal static WorkflowDefinition WriteFlow(JsonObject inputs)
    {
        inputs["rows"] = new JsonObject { ["js"] = "input.rows" };
        inputs["resultVariable"] = "result";
        var definition = Flow("csv-write", "CsvWrite", inputs);
        definition.Inputs.Add(new WorkflowInput { Name = "rows", Type = DataType.Array, Required = true });
        return definition;
    }

    private static WorkflowDefinition Flow(string id, string type, JsonObject inputs)
    {
        var node = new ActivityNode { Id = "csv", Type = type };
        foreach (var (name, value) in inputs)
        {
            node.Inputs[name] = value?.DeepClone();
        }

        return new WorkflowDefinition
        {
            Id = id,
            Name = id,
            Variables = [new VariableDefinition { Name = "result", Type = DataType.Object }],
            Root = new Flowchart { Activities = [node] },
        };
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder later.
        }
    }
}
