using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Cli.Hosting;

namespace Automation.Cli.Arguments;

/// <summary>Turns repeated <c>--input name=value</c> options into the workflow's input object.</summary>
internal static class InputValues
{
    /// <summary>A value that parses as JSON is used as JSON (<c>42</c>, <c>true</c>, <c>{"a":1}</c>); anything else is a string.</summary>
    /// <exception cref="CliException">An item has no <c>=</c> or no name.</exception>
    public static JsonObject Parse(IEnumerable<string> items)
    {
        var input = new JsonObject();
        foreach (var item in items)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--input '{item}' is not name=value; write for example --input count=3 or --input name=Anna.");
            }

            var name = item[..equals].Trim();
            input[name] = ParseValue(item[(equals + 1)..]);
        }

        return input;
    }

    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
