using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Automation.Engine.Expressions;

/// <summary>The JSON shape of an expression input: <c>{"js": "script"}</c>.</summary>
public static class ExpressionInput
{
    public const string JavaScriptKey = "js";

    public static bool TryGetScript(JsonNode? value, [NotNullWhen(true)] out string? script)
    {
        if (value is JsonObject { Count: 1 } obj && obj.TryGetPropertyValue(JavaScriptKey, out var code)
            && code is JsonValue v && v.TryGetValue<string>(out var text))
        {
            script = text;
            return true;
        }

        script = null;
        return false;
    }

    public static JsonObject JavaScript(string script) => new() { [JavaScriptKey] = script };
}
