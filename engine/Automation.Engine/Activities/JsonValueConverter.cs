using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;

namespace Automation.Engine.Activities;

/// <summary>Converts between workflow values (JSON nodes) and CLR values, and enforces declared types.</summary>
public static class JsonValueConverter
{
    public static JsonNode? ToNode<T>(T value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => JsonSerializer.SerializeToNode(value, WorkflowJson.Compact),
    };

    /// <summary>Reads <paramref name="node"/> as <typeparamref name="T"/>, with the lenient conversions people expect (number text to number, etc.).</summary>
    public static T? FromNode<T>(JsonNode? node)
    {
        if (node is null)
        {
            return default;
        }

        var target = typeof(T);
        if (target == typeof(JsonNode) || target == typeof(object))
        {
            return (T)(object)node;
        }

        if (target == typeof(string))
        {
            return (T)(object)AsText(node);
        }

        if (node is JsonValue value)
        {
            if (target == typeof(bool) && TryBoolean(value, out var b))
            {
                return (T)(object)b;
            }

            if ((target == typeof(double) || target == typeof(int) || target == typeof(long) || target == typeof(decimal))
                && TryNumber(value, out var number))
            {
                return (T)Convert.ChangeType(number, Nullable.GetUnderlyingType(target) ?? target, CultureInfo.InvariantCulture);
            }

            if (target == typeof(TimeSpan) && value.TryGetValue<string>(out var text) && TryDuration(text, out var span))
            {
                return (T)(object)span;
            }
        }

        return node.Deserialize<T>(WorkflowJson.Compact);
    }

    /// <summary>The text form of a value: strings as they are, everything else as JSON.</summary>
    public static string AsText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>Checks and converts <paramref name="node"/> to <paramref name="type"/>; returns false with a reason if it cannot.</summary>
    public static bool TryCoerce(JsonNode? node, DataType type, out JsonNode? result, out string? error)
    {
        result = node;
        error = null;
        if (node is null || type == DataType.Any)
        {
            return true;
        }

        switch (type)
        {
            case DataType.String:
                result = node is JsonValue sv && sv.GetValueKind() == JsonValueKind.String ? node : JsonValue.Create(AsText(node));
                return true;
            case DataType.Number:
                if (node is JsonValue nv && TryNumber(nv, out var n))
                {
                    result = JsonValue.Create(n);
                    return true;
                }

                break;
            case DataType.Integer:
                if (node is JsonValue iv && TryNumber(iv, out var i) && Math.Abs(i % 1) < double.Epsilon)
                {
                    result = JsonValue.Create((long)i);
                    return true;
                }

                break;
            case DataType.Boolean:
                if (node is JsonValue bv && TryBoolean(bv, out var b))
                {
                    result = JsonValue.Create(b);
                    return true;
                }

                break;
            case DataType.Object:
                if (node is JsonObject)
                {
                    return true;
                }

                break;
            case DataType.Array:
                if (node is JsonArray)
                {
                    return true;
                }

                break;
            case DataType.DateTime:
                if (node is JsonValue dv && dv.TryGetValue<string>(out var text)
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                {
                    result = JsonValue.Create(when.ToString("O", CultureInfo.InvariantCulture));
                    return true;
                }

                break;
        }

        error = $"expected {type.ToString().ToLowerInvariant()} but got {Describe(node)}";
        return false;
    }

    /// <summary>A short description of a value for error messages, without its content (it may be personal data).</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a text",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "a value",
    };

    /// <summary>Parses <c>hh:mm:ss</c>, ISO 8601 (<c>PT5S</c>) or a number of milliseconds.</summary>
    public static bool TryDuration(string text, out TimeSpan span)
    {
        // A plain number is milliseconds; checked first because TimeSpan.TryParse reads "5000" as 5,000 days.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            if (!double.IsFinite(ms) || Math.Abs(ms) >= TimeSpan.MaxValue.TotalMilliseconds)
            {
                span = default;
                return false;
            }

            span = TimeSpan.FromMilliseconds(ms);
            return true;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out span))
        {
            return true;
        }

        try
        {
            span = System.Xml.XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
        }

        return false;
    }

    private static bool TryNumber(JsonValue value, out double number)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                // A value made from a CLR long or int only converts to its own type; text parsing is the slow last resort.
                if (value.TryGetValue(out number))
                {
                    return true;
                }

                if (value.TryGetValue(out long whole))
                {
                    number = whole;
                    return true;
                }

                if (value.TryGetValue(out int small))
                {
                    number = small;
                    return true;
                }

                return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            case JsonValueKind.String:
                return double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    private static bool TryBoolean(JsonValue value, out bool result)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                result = true;
                return true;
            case JsonValueKind.False:
                result = false;
                return true;
            case JsonValueKind.String:
                return bool.TryParse(value.GetValue<string>(), out result);
            default:
                result = false;
                return false;
        }
    }
}
