using System.Text.Json.Nodes;

namespace Automation.Connectors.Reconciliation;

/// <summary>Turns a result (record positions) into what a workflow and a person read: keys as the records give them, values of differing fields.</summary>
internal sealed class ResultView(JsonRecordSet a, JsonRecordSet b, ReconciliationSpec spec)
{
    private readonly int[] _keyA = spec.KeyA.Select(a.FieldIndex).ToArray();
    private readonly int[] _keyB = spec.KeyB.Select(b.FieldIndex).ToArray();
    private readonly int[] _fieldsA = spec.Fields.Select(f => a.FieldIndex(f.A)).ToArray();
    private readonly int[] _fieldsB = spec.Fields.Select(f => b.FieldIndex(f.B)).ToArray();

    public JsonObject ToJson(ReconciliationResult result, bool records, string nameA, string nameB, JsonObject counts)
    {
        var differing = new JsonArray();
        foreach (var pair in result.Differing)
        {
            var differences = new JsonArray();
            foreach (var f in pair.Fields)
            {
                var field = spec.Fields[f];
                var difference = new JsonObject { ["field"] = field.A };
                if (field.B != field.A)
                {
                    difference["fieldB"] = field.B;
                }

                difference["a"] = a.GetText(pair.A, _fieldsA[f]);
                difference["b"] = b.GetText(pair.B, _fieldsB[f]);
                differences.Add(difference);
            }

            var entry = new JsonObject { ["key"] = KeyNode(a, _keyA, spec.KeyA, pair.A), ["differences"] = differences };
            if (records)
            {
                entry["a"] = a.Record(pair.A)?.DeepClone();
                entry["b"] = b.Record(pair.B)?.DeepClone();
            }

            differing.Add(entry);
        }

        return new JsonObject
        {
            ["nameA"] = nameA,
            ["nameB"] = nameB,
            ["matched"] = result.Matched,
            ["onlyInA"] = new JsonArray(result.OnlyInA.Select(i => records ? a.Record(i)?.DeepClone() : KeyNode(a, _keyA, spec.KeyA, i)).ToArray()),
            ["onlyInB"] = new JsonArray(result.OnlyInB.Select(i => records ? b.Record(i)?.DeepClone() : KeyNode(b, _keyB, spec.KeyB, i)).ToArray()),
            ["differing"] = differing,
            ["duplicateKeysA"] = new JsonArray(result.DuplicateKeysA.Select(d => KeyNode(a, _keyA, spec.KeyA, d.Records[0])).ToArray()),
            ["duplicateKeysB"] = new JsonArray(result.DuplicateKeysB.Select(d => KeyNode(b, _keyB, spec.KeyB, d.Records[0])).ToArray()),
            ["counts"] = counts.DeepClone(),
        };
    }

    public IEnumerable<ReportLine> ReportLines(ReconciliationResult result)
    {
        foreach (var pair in result.Differing)
        {
            var key = KeyText(a, _keyA, pair.A);
            foreach (var f in pair.Fields)
            {
                yield return new ReportLine("differing", key, spec.Fields[f].A, a.GetText(pair.A, _fieldsA[f]) ?? "", b.GetText(pair.B, _fieldsB[f]) ?? "");
            }
        }

        foreach (var i in result.OnlyInA)
        {
            yield return new ReportLine("onlyInA", KeyText(a, _keyA, i), "", "", "");
        }

        foreach (var i in result.OnlyInB)
        {
            yield return new ReportLine("onlyInB", KeyText(b, _keyB, i), "", "", "");
        }

        foreach (var duplicate in result.DuplicateKeysA)
        {
            yield return new ReportLine("duplicateInA", KeyText(a, _keyA, duplicate.Records[0]), "", $"{duplicate.Records.Count} records", "");
        }

        foreach (var duplicate in result.DuplicateKeysB)
        {
            yield return new ReportLine("duplicateInB", KeyText(b, _keyB, duplicate.Records[0]), "", "", $"{duplicate.Records.Count} records");
        }
    }

    private static JsonNode? KeyNode(JsonRecordSet records, int[] fields, IReadOnlyList<string> names, int record)
    {
        if (fields.Length == 1)
        {
            return records.GetText(record, fields[0])?.Trim();
        }

        var key = new JsonObject();
        for (var k = 0; k < fields.Length; k++)
        {
            key[names[k]] = records.GetText(record, fields[k])?.Trim();
        }

        return key;
    }

    private static string KeyText(JsonRecordSet records, int[] fields, int record) =>
        string.Join(" | ", fields.Select(f => records.GetText(record, f)?.Trim() ?? ""));
}
