using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace Automation.Server.HttpTriggers;

/// <summary>
/// The workflow input <c>httpRequest</c> made from a request: <c>{method, path, routeData, query, headers, body}</c>.
/// Credentials (Authorization, cookies, API keys) are left out, so they never reach variables, the journal or the run log.
/// The body is parsed when it is JSON and kept as text otherwise.
/// </summary>
internal static class HttpRequestInput
{
    private static readonly HashSet<string> HiddenHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Authorization,
        HeaderNames.ProxyAuthorization,
        HeaderNames.Cookie,
        "X-Api-Key",
        "X-Api-Token",
    };

    public static async Task<JsonObject> ReadAsync(HttpRequest request, string path, RouteValueDictionary? routeValues, CancellationToken cancellationToken)
    {
        var query = new JsonObject();
        foreach (var (name, values) in request.Query)
        {
            query[name] = Values(values);
        }

        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
        {
            if (!HiddenHeaders.Contains(name))
            {
                headers[name] = values.Count == 1 ? values[0] : string.Join(", ", values.ToArray());
            }
        }

        var routeData = new JsonObject();
        foreach (var (name, value) in routeValues ?? [])
        {
            routeData[name] = value?.ToString();
        }

        return new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = "/" + path.Trim('/'),
            ["routeData"] = routeData,
            ["query"] = query,
            ["headers"] = headers,
            ["body"] = await ReadBodyAsync(request, cancellationToken),
        };
    }

    private static JsonNode? Values(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (text.Length == 0)
        {
            return null;
        }

        // Malformed JSON throws JsonException, which the error handler answers with 400 and where the error is.
        return IsJson(request.ContentType) ? JsonNode.Parse(text) : JsonValue.Create(text);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
