using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Validation;

namespace Automation.Engine.ElsaImport;

/// <summary>
/// Turns a workflow exported from Elsa 3 (a flowchart of common activities with JavaScript, Literal and Object expressions)
/// into our definition, so it runs with the same behaviour. What cannot be carried over (C#, Liquid or Python expressions,
/// activity types we have no equivalent for) is rejected as a whole, with every problem named.
/// </summary>
/// <remarks>
/// Elsa runs an activity with several incoming connections once, after every incoming path has either arrived or been
/// ruled out. Where those paths come from one parallel split, the import puts an explicit WaitAll Join in front of the
/// activity; where they are alternatives (the True and False ports of a decision) the activity runs for the one that
/// arrives. A parallel merge whose branch ends early (a status code or decision port nothing follows) therefore waits
/// for that branch here, where Elsa would continue without it.
/// </remarks>
public static class ElsaWorkflowImporter
{
    /// <summary>The <see cref="WorkflowDefinition.ImportedFrom"/> value of imported definitions.</summary>
    public const string ImportedFrom = "elsa3";

    /// <summary>Whether <paramref name="document"/> is an Elsa 3 workflow rather than one of ours.</summary>
    public static bool IsElsaDocument(JsonObject document)
    {
        if (document.ContainsKey("definitionId") || document.ContainsKey("toolVersion"))
        {
            return true;
        }

        if (ElsaValues.Text(document, "$schema") is { } schema && schema.Contains("elsaworkflows", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (document["root"] is not JsonObject root)
        {
            return false;
        }

        return IsElsaType(ElsaValues.Text(root, "type"))
            || (root["activities"] is JsonArray activities && activities.Any(a => IsElsaType(ElsaValues.Text(a, "type"))));
    }

    /// <summary>Converts an Elsa 3 workflow document into a definition. Nothing is returned unless all of it converts.</summary>
    /// <param name="document">The parsed Elsa JSON.</param>
    /// <param name="source">Where it came from (a file path), for messages and as a fallback id.</param>
    /// <exception cref="WorkflowDefinitionException">Parts of the workflow cannot be imported; every one is listed with its JSON path.</exception>
    public static WorkflowDefinition Import(JsonObject document, string source) => new ElsaImportSession(document, source).Run();

    private static bool IsElsaType(string? type) => type is not null && type.StartsWith("Elsa.", StringComparison.Ordinal);
}
