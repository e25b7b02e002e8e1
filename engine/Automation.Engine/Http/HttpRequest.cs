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
    public const string UnmatchedPort = HttpExchange.UnmatchedPort;
    public const string FailedPort = HttpExchange.FailedPort;
    public const string TimeoutPort = HttpExchange.TimeoutPort;

    public static readonly Input<string> Url = new("url", "URL", DataType.String) { Required = true };

    public static readonly Input<string> Method = HttpExchange.Method;

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

    public static readonly Input<JsonArray> ExpectedStatusCodes = HttpExchange.ExpectedStatusCodes;

    public static readonly Input<string> RequestTimeout = new("timeout", "Timeout", DataType.String)
    {
        Default = "00:00:30",
        Editor = InputEditor.Duration,
        Description = "How long to wait for the whole response before taking the Timeout port.",
    };

    public static readonly Input<string> ResultVariable = HttpExchange.ResultVariable;

    public IReadOnlyList<string> OutcomesFor(ActivityNode node) => HttpExchange.StatusPorts(node);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var uri = ReadUrl(context);
        var method = HttpExchange.ReadMethod(context);
        var expected = HttpExchange.ReadExpectedCodes(context);
        var timeout = ReadTimeout(context);
        var target = $"HTTP {method} {uri.GetLeftPart(UriPartial.Path)}";

        using var request = new HttpRequestMessage(new HttpMethod(method), uri) { Content = BuildContent(context) };
        // Headers often carry credentials (Authorization, API keys): the journal gets them masked.
        HttpExchange.AddHeaders(context.Get(Headers, personal: true), request, context.ActivityId);

        using var deadline = new CancellationTokenSource(timeout, context.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        JsonObject response;
        try
        {
            using var message = await clients.GetClient(uri).SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            response = await HttpExchange.ReadResponseAsync(message, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var problem = $"{target} got no response within {timeout}";
            if (!context.IsLastAttempt)
            {
                throw new TimeoutException(problem + ".");
            }

            return HttpExchange.Route(context, TimeoutPort, problem);
        }
        catch (HttpRequestException ex)
        {
            if (!context.IsLastAttempt)
            {
                throw;
            }

            return HttpExchange.Route(context, FailedPort, $"{target} failed: {ex.Message}");
        }

        var status = response["statusCode"]!.GetValue<int>();
        context.RecordOutput("statusCode", status);
        HttpExchange.Store(context, response);
        return expected.Contains(status)
            ? ActivityResult.Outcome(status.ToString(CultureInfo.InvariantCulture))
            : HttpExchange.Route(context, UnmatchedPort, $"{target} answered {status}, which is not among the expected status codes {string.Join(", ", expected)}");
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
}
