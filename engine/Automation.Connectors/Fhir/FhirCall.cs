using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Fhir;

/// <summary>A FHIR server's answer: status, parsed JSON body and Location header.</summary>
internal sealed record FhirResponse(int Status, string? Reason, JsonNode? Body, Uri? Location)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// The HTTP side of the FHIR activities: sends through the connection's client (auth, retries, breaker), writes one
/// log line per call plus the connection's retry and breaker events, and turns OperationOutcome errors into faults
/// that carry their severity and diagnostics.
/// </summary>
internal sealed class FhirCall
{
    private const string MediaType = "application/fhir+json";

    private readonly ActivityContext _context;
    private readonly ConnectionDefinition _connection;
    private readonly HttpClient _client;

    private FhirCall(ActivityContext context, ConnectionDefinition connection, HttpClient client)
    {
        _context = context;
        _connection = connection;
        _client = client;
    }

    /// <summary>The connection's base address, ending in a slash (relative paths then extend it).</summary>
    public Uri BaseUrl => _client.BaseAddress ?? new Uri(_connection.BaseUrl!.AbsoluteUri.TrimEnd('/') + "/");

    public static FhirCall Open(ActivityContext context, Input<string> input, IConnectionCatalog catalog, IConnectionHttpClients clients)
    {
        var name = context.Get(input);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' has no '{input.Name}'; choose the named FHIR connection it should use.");
        }

        var connection = catalog.Get(name);
        if (connection.Kind != ConnectionKind.Fhir)
        {
            throw new WorkflowFaultException(
                $"Connection '{connection.Name}' used by activity '{context.ActivityId}' is a {connection.Kind} connection; FHIR activities need a connection of kind Fhir.");
        }

        return new FhirCall(context, connection, clients.For(connection));
    }

    /// <summary>Sends one request. <paramref name="target"/> is relative to the base (or an absolute next-page link under it).</summary>
    public async Task<FhirResponse> SendAsync(HttpMethod method, string target, string? body, string? ifNoneExist, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUrl, target);
        var shown = $"FHIR {method} {Path(uri)} on '{_connection.Name}'";
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, MediaType);
        }

        if (!string.IsNullOrEmpty(ifNoneExist))
        {
            request.Headers.TryAddWithoutValidation("If-None-Exist", ifNoneExist);
        }

        // Retries, attempt timeouts and breaker changes of this call land in this activity's journal entry.
        using var events = ConnectionEvents.Listen(_context.Log);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            _context.Log($"{shown}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return new FhirResponse((int)response.StatusCode, response.ReasonPhrase, FhirResources.ParseBody(text), Location(response));
        }
        catch (HttpRequestException ex) when (ex.InnerException is not Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new HttpRequestException($"{shown} failed: {ex.Message}", ex, ex.StatusCode);
        }
    }

    /// <summary>Faults with the server's OperationOutcome: 4xx as a business fault, 5xx and 429 (after the connection's retries) as a retryable error.</summary>
    public Exception Failure(string action, FhirResponse response)
    {
        var message = $"{action} on connection '{_connection.Name}' failed with {response.Status} {response.Reason}: {Describe(response.Body)}";
        return response.Status is >= 500 or 429 or 408
            ? new HttpRequestException(message, null, (HttpStatusCode)response.Status)
            : new WorkflowFaultException(message);
    }

    /// <summary>The issues of an OperationOutcome as "severity code: diagnostics" (or the body as it came).</summary>
    private static string Describe(JsonNode? body)
    {
        if (body is JsonObject outcome && (string?)outcome["resourceType"] == "OperationOutcome" && outcome["issue"] is JsonArray issues)
        {
            var parts = issues.OfType<JsonObject>().Select(i =>
            {
                var text = (string?)i["diagnostics"] ?? (string?)i["details"]?["text"] ?? "(no diagnostics)";
                return $"{(string?)i["severity"]} {(string?)i["code"]}: {text}";
            });
            return string.Join("; ", parts);
        }

        return body is null ? "(no body)" : Shorten(body.ToJsonString());
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";

    /// <summary>The path below the base (the base itself is "/"); the query is left out: search values are often personal.</summary>
    private string Path(Uri uri)
    {
        var path = uri.GetLeftPart(UriPartial.Path);
        var baseUrl = BaseUrl.AbsoluteUri;
        return !path.StartsWith(baseUrl, StringComparison.Ordinal) ? path : path.Length == baseUrl.Length ? "/" : path[baseUrl.Length..];
    }

    private static Uri? Location(HttpResponseMessage response) =>
        response.Headers.Location ?? response.Content.Headers.ContentLocation;
}
