using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;

namespace Automation.Engine.ElsaImport;

/// <summary>Elsa's type names and literal values turned into ours: <c>Int32</c> becomes an integer, <c>"True"</c> a boolean.</summary>
internal static class ElsaValues
{
    /// <summary>The short name of an Elsa or CLR type name: <c>System.Net.HttpStatusCode, System.Net.Primitives</c> gives <c>HttpStatusCode</c>.</summary>
    public static string ShortTypeName(string? typeName)
    {
        if (string.IsNullOrWhiteSpace(typeName))
        {
            return "";
        }

        var name = typeName;
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            name = name[..comma];
        }

        // Generic arguments are not part of the short name (List`1[[System.String]] is a list).
        var bracket = name.IndexOf('`', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            name = name[..bracket];
        }

        var dot = name.LastIndexOf('.');
        return (dot >= 0 ? name[(dot + 1)..] : name).Trim();
    }

    public static bool IsArrayType(string? typeName)
    {
        var name = ShortTypeName(typeName);
        return name.EndsWith("[]", StringComparison.Ordinal)
            || name is "List" or "IList" or "ICollection" or "IEnumerable" or "JsonArray" or "HashSet";
    }

    /// <summary>Our value type for an Elsa variable, input or output type name.</summary>
    public static DataType ToDataType(string? typeName, bool isArray)
    {
        if (isArray || IsArrayType(typeName))
        {
            return DataType.Array;
        }

        return ShortTypeName(typeName).ToUpperInvariant() switch
        {
            "STRING" or "CHAR" or "GUID" or "URI" or "TIMESPAN" => DataType.String,
            "BOOLEAN" or "BOOL" => DataType.Boolean,
            "INT16" or "INT32" or "INT64" or "UINT16" or "UINT32" or "UINT64" or "INT" or "LONG" or "SHORT" or "BYTE" or "SBYTE" => DataType.Integer,
            "DOUBLE" or "SINGLE" or "FLOAT" or "DECIMAL" => DataType.Number,
            "DATETIME" or "DATETIMEOFFSET" or "DATEONLY" => DataType.DateTime,
            "OBJECTDICTIONARY" or "EXPANDOOBJECT" or "JSONOBJECT" or "DICTIONARY" or "IDICTIONARY" or "HTTPHEADERS" => DataType.Object,
            _ => DataType.Any,
        };
    }

    /// <summary>
    /// Converts a literal as Elsa stores it (often text, such as <c>"0"</c> for an Int32 or <c>"[\"GET\"]"</c> for a list)
    /// to the JSON value our activities expect. Values that do not fit the type are returned unchanged for validation to report.
    /// </summary>
    public static JsonNode? ConvertLiteral(JsonNode? value, string? typeName)
    {
        if (value is null)
        {
            return null;
        }

        var type = ToDataType(typeName, isArray: false);
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return value.DeepClone();
        }

        var text = v.GetValue<string>();
        switch (type)
        {
            case DataType.Boolean when bool.TryParse(text.Trim(), out var b):
                return JsonValue.Create(b);
            case DataType.Integer when long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                return JsonValue.Create(l);
            case DataType.Number when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return JsonValue.Create(d);
            case DataType.Integer or DataType.Number or DataType.Boolean or DataType.DateTime when text.Trim().Length == 0:
                return null;
            case DataType.Array or DataType.Object or DataType.Any when TryParseStructured(text, out var parsed):
                return parsed;
            default:
                return JsonValue.Create(text);
        }
    }

    /// <summary>Parses text that holds a JSON object or array; false for anything else.</summary>
    public static bool TryParseStructured(string text, out JsonNode? parsed)
    {
        parsed = null;
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || (trimmed[0] != '[' && trimmed[0] != '{'))
        {
            return false;
        }

        try
        {
            parsed = JsonNode.Parse(trimmed);
            return parsed is JsonObject or JsonArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A string property of a JSON object, or null.</summary>
    public static string? Text(JsonNode? node, string property) =>
        node is JsonObject obj && obj.TryGetPropertyValue(property, out var value) && value is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A boolean property of a JSON object (true, false, or text of either), or null.</summary>
    public static bool? Flag(JsonNode? node, string property)
    {
        if (node is not JsonObject obj || !obj.TryGetPropertyValue(property, out var value) || value is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetValue<string>(), out var b) => b,
            _ => null,
        };
    }
}
