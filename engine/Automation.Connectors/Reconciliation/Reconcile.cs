using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Reconciliation;

/// <summary>
/// Compares the records two systems keep about the same things: joins them on a business key and reports the pairs
/// whose mapped fields differ after normalising, the records found on one side only, and keys that occur more than
/// once on a side (reported, never merged). This is how a region finds where double registration has drifted apart.
/// </summary>
[Activity("Reconcile", "Connectors", "Reconcile records", Description = "Finds matched, only-in-A, only-in-B and differing records of two systems, with the field differences and an optional CSV report.")]
public sealed class Reconcile : IActivity
{
    public const string IncludeKeys = "keys";
    public const string IncludeRecords = "records";

    public static readonly Input<JsonNode> RecordsA = new("recordsA", "Records of A", DataType.Any)
    {
        Required = true,
        Editor = InputEditor.JavaScript,
        Description = "An array of objects, or the name of the variable holding it (faster for large sets: nothing is copied).",
    };

    public static readonly Input<JsonNode> RecordsB = new("recordsB", "Records of B", DataType.Any)
    {
        Required = true,
        Editor = InputEditor.JavaScript,
        Description = "An array of objects, or the name of the variable holding it.",
    };

    public static readonly Input<JsonNode> Key = new("key", "Key field(s)", DataType.Any)
    {
        Required = true,
        Editor = InputEditor.StringList,
        Description = "The business key: a field name, or a list of names for a composite key.",
    };

    public static readonly Input<JsonNode> KeyB = new("keyB", "Key field(s) in B", DataType.Any)
    {
        Editor = InputEditor.StringList,
        Description = "The key's name(s) in B when B names it differently; the same as the key when empty.",
    };

    public static readonly Input<JsonNode> KeyNormalize = new("keyNormalize", "Key normalisers", DataType.Any)
    {
        Editor = InputEditor.StringList,
        Description = "Normalisers applied to key values; trim when empty.",
    };

    public static readonly Input<JsonArray> Fields = new("fields", "Compared fields", DataType.Array)
    {
        Required = true,
        Editor = InputEditor.Json,
        Description = "[{\"a\": \"address\", \"b\": \"adresse\", \"normalize\": [\"trim\", \"case\", \"danish\", \"whitespace\", \"phone\", \"date\", \"address\"]}]; a plain name compares a field of the same name as it is.",
    };

    public static readonly Input<string> NameA = new("nameA", "Name of A", DataType.String) { Default = "A", Description = "How the result and the report name system A." };

    public static readonly Input<string> NameB = new("nameB", "Name of B", DataType.String) { Default = "B", Description = "How the result and the report name system B." };

    public static readonly Input<string> Include = new("include", "Report records as", DataType.String)
    {
        Default = IncludeKeys,
        Editor = InputEditor.Dropdown,
        Options = [IncludeKeys, IncludeRecords],
        Description = "keys: onlyInA/onlyInB list keys; records: they list the whole records and differing entries carry both records.",
    };

    public static readonly Input<string> ReportPath = new("reportPath", "CSV report file", DataType.String)
    {
        Description = "Where to write the CSV report (one line per difference and per record on one side only); none when empty.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store result in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = "Receives {matched, onlyInA, onlyInB, differing: [{key, differences: [{field, a, b}]}], duplicateKeysA, duplicateKeysB, counts}.",
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var nameA = context.Get(NameA) ?? "A";
        var nameB = context.Get(NameB) ?? "B";
        var keyA = ReadNames(context, Key, required: true);
        var keyB = context.Has(KeyB) ? ReadNames(context, KeyB, required: false) : [];
        if (keyB.Count == 0)
        {
            keyB = keyA;
        }

        if (keyB.Count != keyA.Count)
        {
            throw new WorkflowFaultException(
                $"Activity '{context.ActivityId}' has {keyA.Count} key field(s) for {nameA} but {keyB.Count} in keyB for {nameB}; give the same number, in the same order.");
        }

        var keyNames = context.Has(KeyNormalize) ? ReadNames(context, KeyNormalize, required: false) : ["trim"];
        var spec = new ReconciliationSpec
        {
            KeyA = keyA,
            KeyB = keyB,
            KeyNormalization = NormalizationNames.Parse(keyNames, $"Input 'keyNormalize' of activity '{context.ActivityId}'"),
            Fields = ReadFields(context),
        };

        var include = (context.Get(Include) ?? IncludeKeys).Trim();
        if (include is not (IncludeKeys or IncludeRecords))
        {
            throw new WorkflowFaultException($"Input 'include' of activity '{context.ActivityId}' is '{include}'; use '{IncludeKeys}' or '{IncludeRecords}'.");
        }

        var a = new JsonRecordSet(ReadRecords(context, RecordsA), $"{RecordsA.Name} ({nameA}) of activity '{context.ActivityId}'");
        var b = new JsonRecordSet(ReadRecords(context, RecordsB), $"{RecordsB.Name} ({nameB}) of activity '{context.ActivityId}'");
        var result = Reconciler.Run(a, b, spec, cancellationToken);

        var view = new ResultView(a, b, spec);
        var counts = new JsonObject
        {
            ["a"] = a.Count,
            ["b"] = b.Count,
            ["matched"] = result.Matched,
            ["differing"] = result.Differing.Count,
            ["onlyInA"] = result.OnlyInA.Count,
            ["onlyInB"] = result.OnlyInB.Count,
            ["duplicateKeysA"] = result.DuplicateKeysA.Count,
            ["duplicateKeysB"] = result.DuplicateKeysB.Count,
        };
        foreach (var (name, value) in counts)
        {
            context.RecordOutput(name, value?.DeepClone());
        }

        context.Log(string.Create(
            CultureInfo.InvariantCulture,
            $"Reconciled {nameA} ({a.Count} records) with {nameB} ({b.Count} records) on {string.Join(" + ", keyA)}: {result.Matched} matched, {result.Differing.Count} differing, {result.OnlyInA.Count} only in {nameA}, {result.OnlyInB.Count} only in {nameB}, {result.DuplicateKeysA.Count} duplicated keys in {nameA}, {result.DuplicateKeysB.Count} in {nameB}."));

        var reportPath = context.Get(ReportPath);
        if (!string.IsNullOrWhiteSpace(reportPath))
        {
            WriteReport(context, reportPath, nameA, nameB, result, view);
        }

        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, view.ToJson(result, include == IncludeRecords, nameA, nameB, counts));
        }

        return ValueTask.FromResult(ActivityResult.Done);
    }

    private static void WriteReport(ActivityContext context, string path, string nameA, string nameB, ReconciliationResult result, ResultView view)
    {
        try
        {
            ReconciliationReport.Write(path, nameA, nameB, view.ReportLines(result));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new WorkflowFaultException(
                $"Activity '{context.ActivityId}' could not write its report to '{path}': {ex.Message} Give a path in a folder the server may write to.", ex);
        }

        context.Log($"Reconciliation report written to {path}.");
    }

    private static JsonArray ReadRecords(ActivityContext context, Input<JsonNode> input)
    {
        var node = context.Get(input);
        if (node is JsonValue value && value.TryGetValue<string>(out var variable))
        {
            node = context.GetVariable(variable.Trim());
        }

        return node as JsonArray ?? throw new WorkflowFaultException(
            $"Input '{input.Name}' of activity '{context.ActivityId}' is {JsonValueConverter.Describe(node)}; give an array of objects or the name of a variable holding one.");
    }

    private static List<string> ReadNames(ActivityContext context, Input<JsonNode> input, bool required)
    {
        var node = context.Get(input);
        var names = node switch
        {
            null => [],
            JsonArray array => array.Select(JsonValueConverter.AsText).ToList(),
            _ => [JsonValueConverter.AsText(node)],
        };
        names = names.Select(n => n.Trim()).ToList();
        if ((required && names.Count == 0) || names.Any(n => n.Length == 0))
        {
            throw new WorkflowFaultException($"Input '{input.Name}' of activity '{context.ActivityId}' needs a field name or a list of field names, such as \"id\" or [\"cpr\", \"date\"].");
        }

        return names;
    }

    private static List<FieldMapping> ReadFields(ActivityContext context)
    {
        var fields = new List<FieldMapping>();
        var entries = context.Get(Fields) ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var where = $"Entry {i} of input 'fields' of activity '{context.ActivityId}'";
            switch (entries[i])
            {
                case JsonValue value when value.TryGetValue<string>(out var name) && name.Trim().Length > 0:
                    fields.Add(new FieldMapping(name.Trim(), name.Trim(), Normalization.None));
                    break;
                case JsonObject entry:
                    var a = (entry["a"] is { } an ? JsonValueConverter.AsText(an) : "").Trim();
                    var b = (entry["b"] is { } bn ? JsonValueConverter.AsText(bn) : a).Trim();
                    if (a.Length == 0)
                    {
                        throw new WorkflowFaultException($"{where} has no field name 'a'; write {{\"a\": \"address\", \"b\": \"adresse\", \"normalize\": [\"address\"]}}.");
                    }

                    var steps = entry["normalize"] switch
                    {
                        null => [],
                        JsonArray list => list.Select(JsonValueConverter.AsText).ToList(),
                        var one => [JsonValueConverter.AsText(one)],
                    };
                    fields.Add(new FieldMapping(a, b.Length == 0 ? a : b, NormalizationNames.Parse(steps, where)));
                    break;
                default:
                    throw new WorkflowFaultException($"{where} is {JsonValueConverter.Describe(entries[i])}; give a field name or {{\"a\": \"address\", \"b\": \"adresse\", \"normalize\": [\"address\"]}}.");
            }
        }

        return fields;
    }
}
