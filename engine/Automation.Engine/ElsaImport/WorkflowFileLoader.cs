using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Validation;

namespace Automation.Engine.ElsaImport;

/// <summary>
/// Reads a workflow file in either format, ours or one exported from Elsa 3 (told apart by its content), and returns our
/// definition. Malformed or unimportable files raise one error that names the file, where the problem is and what to fix;
/// nothing is returned half-loaded.
/// </summary>
public static class WorkflowFileLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Loads the workflow file at <paramref name="path"/> (UTF-8, with or without a byte order mark).</summary>
    /// <exception cref="WorkflowDefinitionException">The file is not valid JSON, not a workflow, or has parts that cannot be imported.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static WorkflowDefinition Load(string path) => LoadJson(File.ReadAllText(path), path);

    /// <summary>Loads a workflow from JSON text.</summary>
    /// <param name="json">The workflow, ours or Elsa's.</param>
    /// <param name="source">What to call it in messages, usually the file path.</param>
    /// <exception cref="WorkflowDefinitionException">The text is not valid JSON, not a workflow, or has parts that cannot be imported.</exception>
    public static WorkflowDefinition LoadJson(string json, string source = "workflow JSON")
    {
        // File.ReadAllText drops the byte order mark; text handed over by other means may still start with it.
        var text = json.Length > 0 && json[0] == '\uFEFF' ? json[1..] : json;
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw Problem(source, ex, "malformed JSON", "fix the JSON syntax there (a missing comma, quote or bracket is the usual cause) and load the file again");
        }

        if (document is not JsonObject root)
        {
            throw new WorkflowDefinitionException(source, [new ValidationProblem("$", $"the file holds {JsonValueConverter.Describe(document)}, not a workflow object; a workflow file starts with '{{'")]);
        }

        if (ElsaWorkflowImporter.IsElsaDocument(root))
        {
            return ElsaWorkflowImporter.Import(root, source);
        }

        try
        {
            return JsonSerializer.Deserialize<WorkflowDefinition>(text, WorkflowJson.Options)
                ?? throw new WorkflowDefinitionException(source, [new ValidationProblem("$", "the file holds no workflow")]);
        }
        catch (JsonException ex)
        {
            throw Problem(source, ex, "wrong value", "give a value of the type the workflow format expects there (see workflow.schema.json)");
        }
    }

    private static WorkflowDefinitionException Problem(string source, JsonException ex, string what, string fix)
    {
        var where = ex.LineNumber is { } line
            ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}"
            : "";
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        return new WorkflowDefinitionException(source, [new ValidationProblem(path, $"{what}{where}: {Reason(ex)}; {fix}")]);
    }

    /// <summary>The reader's own explanation without the location it appends (we state that ourselves, 1-based).</summary>
    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: ", " | LineNumber" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.TrimEnd().TrimEnd('.');
    }
}
