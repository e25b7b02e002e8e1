using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Http;

/// <summary>
/// What every HTTP-calling activity shares (the engine's HttpRequest, the connectors' HttpCall): the method,
/// status-code and result inputs, status-code ports, reading the response, and routing failures to ports.
/// </summary>
public static class HttpExchange
{
    public const string UnmatchedPort = "Unmatched";
    public const string FailedPort = "Failed";
    public const string TimeoutPort = "Timeout";

    public static readonly Input<string> Method = new("method", "Method", DataType.String)
    {
        Default = "GET",
        Editor = InputEditor.Dropdown,
        Options = ["GET", "POST", "PUT", "PATCH", "DELETE"],
    };

    public static readonly Input<JsonArray> ExpectedStatusCodes = new("expectedStatusCodes", "Expected status codes", DataType.Array)
    {
        AllowExpression = false,
        Editor = InputEditor.Json,
        Default = [200],
        Description = "Each code is a port; any other status goes to Unmatched.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store response in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = "Receives {statusCode, headers, body}; a JSON body is parsed, anything else is text.",
    };

    private static readonly string[] DefaultCodePorts = ["200"];

    /// <summary>The status-code ports a node offers: its expected codes, or 200.</summary>
    public static IReadOnlyList<string> StatusPorts(ActivityNode node) =>
        node.Inputs.TryGetValue(ExpectedStatusCodes.Name, out var codes) && codes is JsonArray array
            ? array.Select(c => TryStatusCode(c, out var code) ? code.ToString(CultureInfo.InvariantCulture) : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : DefaultCodePorts;

    public static string ReadMethod(ActivityContext context)
    {
        var method = (context.Get(Method) ?? "GET").Trim().ToUpperInvariant();
        if (!Method.Options!.Contains(method, StringComparer.Ordinal))
        {
            throw new WorkflowFaultException($"Input 'method' of activity '{context.ActivityId}' is '{method}'; use one of {string.Join(", ", Method.Options!)}.");
        }

        return method;
    }

    public static HashSet<int> ReadExpectedCodes(ActivityContext context)
    {
        var codes = new HashSet<int>();
        foreach (var node in context.Get(ExpectedStatusCodes) ?? [])
        {
            if (!TryStatusCode(node, out var code))
            {
                throw new WorkflowFaultException(
                    $"Input 'expectedStatusCodes' of activity '{context.ActivityId}' contains {JsonValueConverter.AsText(node)}, which is not an HTTP status code; use numbers from 100 to 599.");
            }

            codes.Add(code);
        }

        return codes;
    }

    /// <summary>Adds headers to the request, or to its content when they describe the body (Content-Type, ...).</summary>
    public static void AddHeaders(JsonObject? headers, HttpRequestMessage request, string activityId)
    {
        foreach (var (name, value) in headers ?? [])
        {
            var text = JsonValueConverter.AsText(value);
            if (request.Headers.TryAddWithoutValidation(name, text))
            {
                continue;
            }

            if (request.Content is null)
            {
                throw new WorkflowFaultException($"Header '{name}' of activity '{activityId}' describes a body, but the request has none; remove the header or give a body.");
            }

            request.Content.Headers.Remove(name);
            if (!request.Content.Headers.TryAddWithoutValidation(name, text))
            {
                throw new WorkflowFaultException($"Header '{name}' of activity '{activityId}' cannot be sent; check its name.");
            }
        }
    }

    /// <summary>The response as the flow sees it: {statusCode, headers, body}, the body parsed when it is JSON.</summary>
    public static async Task<JsonObject> ReadResponseAsync(HttpResponseMessage message, CancellationToken cancellationToken)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in message.Headers.Concat(message.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        var text = await message.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body = text;
        var mediaType = message.Content.Headers.ContentType?.MediaType ?? "";
        if (text.Length == 0)
        {
            body = null;
        }
        else if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Says JSON but is not: keep the text so the flow can still show what came back.
            }
        }

        return new JsonObject { ["statusCode"] = (int)message.StatusCode, ["headers"] = headers, ["body"] = body };
    }

    /// <summary>Stores the response in the node's result variable, if it names one.</summary>
    public static void Store(ActivityContext context, JsonObject response)
    {
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, response);
        }
    }

    /// <summary>Takes a failure port, or faults when nothing is connected to it: a failure must not pass unnoticed.</summary>
    public static ActivityResult Route(ActivityContext context, string port, string problem)
    {
        if (!context.IsConnected(port))
        {
            throw new WorkflowFaultException(
                $"{problem}. Activity '{context.ActivityId}' has no connection from its '{port}' port; connect that port to handle this case, or fix the cause and retry.");
        }

        if (port != UnmatchedPort)
        {
            Store(context, new JsonObject { ["statusCode"] = null, ["error"] = problem });
        }

        context.Log(problem);
        return ActivityResult.Outcome(port);
    }

    private static bool TryStatusCode(JsonNode? node, out int code)
    {
        code = 0;
        if (!JsonValueConverter.TryCoerce(node, DataType.Integer, out var coerced, out _) || coerced is null)
        {
            return false;
        }

        var value = coerced.GetValue<long>();
        code = (int)value;
        return value is >= 100 and <= 599;
    }
}
