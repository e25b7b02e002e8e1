using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Reconciliation;

/// <summary>Records given to a workflow as a JSON array of objects (from a connector, CsvRead or a robot's ReadTable).</summary>
public sealed class JsonRecordSet : IRecordSet
{
    private readonly JsonObject?[] _records;
    private readonly List<string> _fields = [];

    // Where each field was last found in a record. Records of one source list their properties in the same order,
    // so looking there first replaces a search by name with one comparison.
    private int[] _positions = [];
    private readonly string _side;

    /// <param name="records">The array; each element must be an object (or null, read as an empty record).</param>
    /// <param name="side">How messages name this side, for example <c>recordsA (journal)</c>.</param>
    public JsonRecordSet(JsonArray records, string side)
    {
        _side = side;
        _records = new JsonObject?[records.Count];
        for (var i = 0; i < _records.Length; i++)
        {
            _records[i] = records[i] switch
            {
                JsonObject obj => obj,
                null => null,
                var other => throw new WorkflowFaultException(
                    $"Record {i} of {side} is {JsonValueConverter.Describe(other)}, not an object; give an array of objects such as [{{\"id\": \"1\", \"address\": \"...\"}}]."),
            };
        }
    }

    public int Count => _records.Length;

    /// <summary>The record at <paramref name="index"/> (null when the array held null there).</summary>
    public JsonObject? Record(int index) => _records[index];

    public int FieldIndex(string name)
    {
        var existing = _fields.IndexOf(name);
        if (existing >= 0)
        {
            return existing;
        }

        // Missing from every record is a misspelt name; missing from some is an optional field (APIs leave nulls out).
        // The search stops at the first record that has it, normally the first one.
        if (_records.Length > 0 && !_records.Any(r => r is not null && r.ContainsKey(name)))
        {
            var known = _records.FirstOrDefault(r => r is not null)?.Select(p => p.Key) ?? [];
            throw new WorkflowFaultException(
                $"The records of {_side} have no field '{name}'; the first record has {string.Join(", ", known.Select(k => $"'{k}'"))}. Fix the field name in the key or field mapping.");
        }

        _fields.Add(name);
        Array.Resize(ref _positions, _fields.Count);
        return _fields.Count - 1;
    }

    public string? GetText(int record, int field)
    {
        var obj = _records[record];
        if (obj is null)
        {
            return null;
        }

        var name = _fields[field];
        var position = _positions[field];
        JsonNode? node;
        if (position < obj.Count && obj.GetAt(position) is var (key, found) && string.Equals(key, name, StringComparison.Ordinal))
        {
            node = found;
        }
        else
        {
            position = obj.IndexOf(name);
            if (position < 0)
            {
                return null;
            }

            _positions[field] = position;
            node = obj.GetAt(position).Value;
        }

        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.TryGetValue<string>(out var text))
            {
                return text;
            }

            if (value.GetValueKind() == JsonValueKind.Null)
            {
                return null;
            }
        }

        return JsonValueConverter.AsText(node);
    }
}
