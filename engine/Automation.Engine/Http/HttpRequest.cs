using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Http;

/// <summary>
/// Sends an HTTP request and continues through the port named after the response's status code when it is expected,
/// <c>Unmatched</c> for any other status, <c>Failed</c> when no response came (connection or protocol error) and
/// <c>Timeout</c> when it came too late. With resilience settings, Failed and Timeout are retried first; a failure
/// whose port is not connected faults the instance instead of silently ending the path.
/// </summary>
[Activity("HttpRequest", "HTTP", "HTTP request", Description = "Calls a REST endpoint; one port per expected status code, plus Unmatched, Failed and Timeout.", Outcomes = [UnmatchedPort, FailedPort, TimeoutPort])]
public sealed class HttpRequest(IHttpClientProvider clients) : IActivity, IDynamicOutcomes
{
    public const string UnmatchedPort = "Unmatched";
    public const string FailedPort = "Failed";
    public const string TimeoutPort = "Timeout";

    public static readonly Input<string> Url = new("url", "URL", DataType.String) { Required = true };

    public static readonly Input<string> Method = new("method", "Method", DataType.String)
    {
        Default = "GET",
        Editor = InputEditor.Dropdown,
        Options = ["GET", "POST", "PUT", "PATCH", "DELETE"],
    };

    public static readonly Input<JsonObject> Headers = new("headers", "Headers", DataType.Object)
    {
        Editor = InputEditor.Json,
        Description = "Request headers as {\"name\": \"value\"}.",
    };

    public static readonly Input<JsonNode> Body = new("body", "Body", DataType.Any)
    {
        Editor = InputEditor.Json,
        Description = "Objects and arrays are sent as JSON; text as it is.",
    };

    public static readonly Input<string> ContentType = new("contentType", "Content type", DataType.String)
    {
        Description = "Media type of the body; application/json for objects and arrays, text/plain for text when empty.",
    };

    public static readonly Input<JsonArray> ExpectedStatusCodes = new("expectedStatusCodes", "Expected status codes", DataType.Array)
    {
        AllowExpression = false,
        Editor = InputEditor.Json,
        Default = [200],
        Description = "Each code is a port; any other status goes to Unmatched.",
    };

    public static readonly Input<string> RequestTimeout = new("timeout", "Timeout", DataType.String)
    {
        Default = "00:00:30",
        Editor = InputEditor.Duration,
        Description = "How long to wait for the whole response before taking the Timeout port.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store response in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = "Receives {statusCode, headers, body}; a JSON body is parsed, anything else is text.",
    };

    private static readonly string[] DefaultCodePorts = ["200"];

    public IReadOnlyList<string> OutcomesFor(ActivityNode node) =>
        node.Inputs.TryGetValue(ExpectedStatusCodes.Name, out var codes) && codes is JsonArray array
            ? array.Select(c => TryStatusCode(c, out var code) ? code.ToString(CultureInfo.InvariantCulture) : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : DefaultCodePorts;

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var uri = ReadUrl(context);
        var method = ReadMethod(context);
        var expected = ReadExpectedCodes(context);
        var timeout = ReadTimeout(context);
        var target = $"HTTP {method} {uri.GetLeftPart(UriPartial.Path)}";

        using var request = new HttpRequestMessage(new HttpMethod(method), uri) { Content = BuildContent(context) };
        AddHeaders(context, request);

        using var deadline = new CancellationTokenSource(timeout, context.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        JsonObject response;
        try
        {
            using var message = await clients.GetClient(uri).SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            response = await ReadResponseAsync(message, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var problem = $"{target} got no response within {timeout}";
            if (!context.IsLastAttempt)
            {
                throw new TimeoutException(problem + ".");
            }

            return Route(context, TimeoutPort, problem);
        }
        catch (HttpRequestException ex)
        {
            if (!context.IsLastAttempt)
            {
                throw;
            }

            return Route(context, FailedPort, $"{target} failed: {ex.Message}");
        }

        var status = response["statusCode"]!.GetValue<int>();
        context.RecordOutput("statusCode", status);
        Store(context, response);
        return expected.Contains(status)
            ? ActivityResult.Outcome(status.ToString(CultureInfo.InvariantCulture))
            : Route(context, UnmatchedPort, $"{target} answered {status}, which is not among the expected status codes {string.Join(", ", expected)}");
    }

    /// <summary>Takes a failure port, or faults when nothing is connected to it: a failure must not pass unnoticed.</summary>
    private static ActivityResult Route(ActivityContext context, string port, string problem)
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

    private static void Store(ActivityContext context, JsonObject response)
    {
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, response);
        }
    }

    private static async Task<JsonObject> ReadResponseAsync(HttpResponseMessage message, CancellationToken cancellationToken)
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

    private static Uri ReadUrl(ActivityContext context)
    {
        var url = context.Get(Url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new WorkflowFaultException($"Input 'url' of activity '{context.ActivityId}' is '{url}', which is not an absolute http or https URL; give the full address, such as https://host/path.");
        }

        return uri;
    }

    private static string ReadMethod(ActivityContext context)
    {
        var method = (context.Get(Method) ?? "GET").Trim().ToUpperInvariant();
        if (!Method.Options!.Contains(method, StringComparer.Ordinal))
        {
            throw new WorkflowFaultException($"Input 'method' of activity '{context.ActivityId}' is '{method}'; use one of {string.Join(", ", Method.Options!)}.");
        }

        return method;
    }

    private static HashSet<int> ReadExpectedCodes(ActivityContext context)
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

    private static TimeSpan ReadTimeout(ActivityContext context)
    {
        var text = context.Get(RequestTimeout) ?? "";
        if (!JsonValueConverter.TryDuration(text.Trim(), out var timeout) || timeout <= TimeSpan.Zero)
        {
            throw new WorkflowFaultException(
                $"Input 'timeout' of activity '{context.ActivityId}' is '{text}'; give a positive duration such as 00:00:30, PT30S or 30000 (milliseconds).");
        }

        return timeout;
    }

    private static StringContent? BuildContent(ActivityContext context)
    {
        var body = context.Get(Body);
        if (body is null)
        {
            return null;
        }

        var isText = body is JsonValue v && v.GetValueKind() == JsonValueKind.String;
        var given = context.Get(ContentType);
        MediaTypeHeaderValue? mediaType;
        if (string.IsNullOrWhiteSpace(given))
        {
            mediaType = new MediaTypeHeaderValue(isText ? "text/plain" : "application/json");
        }
        else if (!MediaTypeHeaderValue.TryParse(given, out mediaType))
        {
            throw new WorkflowFaultException($"Input 'contentType' of activity '{context.ActivityId}' is '{given}', which is not a media type; use for example application/json.");
        }

        mediaType.CharSet ??= "utf-8";
        var content = new StringContent(isText ? body.GetValue<string>() : body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = mediaType;
        return content;
    }

    private static void AddHeaders(ActivityContext context, HttpRequestMessage request)
    {
        // Headers often carry credentials (Authorization, API keys): the journal gets them masked.
        foreach (var (name, value) in context.Get(Headers, personal: true) ?? [])
        {
            var text = JsonValueConverter.AsText(value);
            if (request.Headers.TryAddWithoutValidation(name, text))
            {
                continue;
            }

            // Content headers (Content-Type, Content-Language, ...) belong to the body.
            if (request.Content is null)
            {
                throw new WorkflowFaultException($"Header '{name}' of activity '{context.ActivityId}' describes a body, but the request has none; remove the header or give a body.");
            }

            request.Content.Headers.Remove(name);
            if (!request.Content.Headers.TryAddWithoutValidation(name, text))
            {
                throw new WorkflowFaultException($"Header '{name}' of activity '{context.ActivityId}' cannot be sent; check its name.");
            }
        }
    }
}
