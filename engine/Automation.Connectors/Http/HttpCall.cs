using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Http;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Http;

/// <summary>
/// Calls a REST API through a named connection (base URL, authentication from the vault, retries, attempt timeout and
/// circuit breaker of that connection) and continues through the port named after the status code when it is
/// expected, <c>Unmatched</c> for any other status, <c>Failed</c> when no response came after the retries (network
/// error, open circuit) and <c>Timeout</c> when the last attempt timed out. With <c>paging</c> it fetches every page
/// and hands the flow all items as one list. Retries, timeouts and breaker changes are written to the journal.
/// </summary>
[Activity("HttpCall", "Connectors", "HTTP call", Description = "Calls a REST API through a named connection; one port per expected status code, plus Unmatched, Failed and Timeout.", Outcomes = [UnmatchedPort, FailedPort, TimeoutPort])]
public sealed class HttpCall(IConnectionCatalog catalog, IConnectionHttpClients clients) : IActivity, IDynamicOutcomes
{
    public const string UnmatchedPort = HttpExchange.UnmatchedPort;
    public const string FailedPort = HttpExchange.FailedPort;
    public const string TimeoutPort = HttpExchange.TimeoutPort;

    public static readonly Input<string> Connection = new("connection", "Connection", DataType.String)
    {
        Required = true,
        AllowExpression = false,
        Description = "Name of an HTTP connection configured under Automation:Connections.",
    };

    public static readonly Input<string> Method = HttpExchange.Method;

    public static readonly Input<string> Path = new("path", "Path", DataType.String)
    {
        Default = "",
        Description = "Relative to the connection's base URL, for example referrals/17 or items?active=true.",
    };

    public static readonly Input<JsonObject> Query = new("query", "Query", DataType.Object)
    {
        Editor = InputEditor.Json,
        Description = "Query parameters as {\"name\": value}; a list repeats the parameter.",
    };

    public static readonly Input<JsonObject> Headers = new("headers", "Headers", DataType.Object)
    {
        Editor = InputEditor.Json,
        Description = "Request headers as {\"name\": \"value\"}; shown masked in the run log. Authentication comes from the connection.",
    };

    public static readonly Input<JsonNode> Body = new("body", "Body", DataType.Any)
    {
        Editor = InputEditor.Json,
        Description = "Sent as JSON (text is sent as a JSON string).",
    };

    public static readonly Input<JsonArray> ExpectedStatusCodes = HttpExchange.ExpectedStatusCodes;

    public static readonly Input<string> ResultVariable = HttpExchange.ResultVariable;

    public static readonly Input<JsonObject> Paging = new("paging", "Paging", DataType.Object)
    {
        AllowExpression = false,
        Editor = InputEditor.Json,
        Description = "{mode: none|link|page|offset, itemsPath, pageParam, firstPage, offsetParam, sizeParam, pageSize, maxPages}. "
            + "link follows Link rel=\"next\" headers; page and offset count up until a page is empty.",
    };

    public IReadOnlyList<string> OutcomesFor(ActivityNode node) => HttpExchange.StatusPorts(node);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = context.Get(Connection);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WorkflowFaultException($"Input 'connection' of activity '{context.ActivityId}' is empty; choose one of the configured connections.");
        }

        var connection = catalog.Get(name.Trim());
        var client = clients.For(connection);
        var method = HttpExchange.ReadMethod(context);
        var expected = HttpExchange.ReadExpectedCodes(context);
        var paging = HttpCallPaging.Read(context.Get(Paging), context.ActivityId);
        var (path, pathQuery) = ReadPath(context);
        var query = ReadQuery(context, pathQuery);
        var body = context.Get(Body);
        var headers = context.Get(Headers, personal: true);
        var target = $"HTTP {method} {connection.Name}/{path}";

        // Retries, timeouts and breaker changes of the connection's client become lines of this journal entry.
        using var events = ConnectionEvents.Listen(context.Log);
        var items = new JsonArray();
        JsonObject response;
        var pages = 0;
        try
        {
            var uri = BuildUri(client.BaseAddress!, path, query, paging.ParametersFor(0, 0));
            while (true)
            {
                response = await SendAsync(client, method, uri, body, headers, context, cancellationToken);
                pages++;
                var status = response["statusCode"]!.GetValue<int>();
                if (!expected.Contains(status))
                {
                    context.RecordOutput("statusCode", status);
                    HttpExchange.Store(context, response);
                    var page = paging.Mode == PagingMode.None ? "" : $" on page {pages}";
                    return HttpExchange.Route(context, UnmatchedPort, $"{target} answered {status}{page}, which is not among the expected status codes {string.Join(", ", expected)}");
                }

                if (paging.Mode == PagingMode.None)
                {
                    context.RecordOutput("statusCode", status);
                    HttpExchange.Store(context, response);
                    return ActivityResult.Outcome(status.ToString(CultureInfo.InvariantCulture));
                }

                var pageItems = paging.ItemsOf(response["body"], context.ActivityId, pages);
                if (pageItems is null && pages == 1)
                {
                    throw new WorkflowFaultException(
                        $"The first page of {target} has nothing at itemsPath '{paging.ItemsPath}'; set paging.itemsPath of activity '{context.ActivityId}' to where the response keeps its list.");
                }

                var count = pageItems?.Count ?? 0;
                foreach (var item in pageItems ?? [])
                {
                    items.Add(item?.DeepClone());
                }

                Uri? next = paging.Mode switch
                {
                    PagingMode.Link => NextLink(response, uri, client.BaseAddress!, context.ActivityId),
                    _ when count == 0 => null,
                    _ => BuildUri(client.BaseAddress!, path, query, paging.ParametersFor(pages, items.Count)),
                };
                if (next is null)
                {
                    break;
                }

                if (pages >= paging.MaxPages)
                {
                    throw new WorkflowFaultException(
                        $"{target} has more than {paging.MaxPages} pages (paging.maxPages of activity '{context.ActivityId}'); raise maxPages or narrow the query.");
                }

                uri = next;
            }
        }
        catch (TimeoutException ex)
        {
            if (!context.IsLastAttempt)
            {
                throw;
            }

            return HttpExchange.Route(context, TimeoutPort, $"{target} timed out: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            if (!context.IsLastAttempt)
            {
                throw;
            }

            return HttpExchange.Route(context, FailedPort, $"{target} failed: {ex.Message}");
        }

        var last = response["statusCode"]!.GetValue<int>();
        response["body"] = items;
        response["pages"] = pages;
        context.RecordOutput("statusCode", last);
        context.RecordOutput("pages", pages);
        context.RecordOutput("items", items.Count);
        context.Log($"{target}: collected {items.Count} items from {pages} pages.");
        HttpExchange.Store(context, response);
        return ActivityResult.Outcome(last.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<JsonObject> SendAsync(
        HttpClient client, string method, Uri uri, JsonNode? body, JsonObject? headers, ActivityContext context, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpExchange.AddHeaders(headers, request, context.ActivityId);
        using var message = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await HttpExchange.ReadResponseAsync(message, cancellationToken);
    }

    /// <summary>
    /// The next page's address from the Link header, resolved against the page's own address. Only links to the
    /// connection's own host are followed: the client would send the connection's credentials to any host it calls.
    /// </summary>
    private static Uri? NextLink(JsonObject response, Uri current, Uri baseAddress, string activityId)
    {
        var header = response["headers"] is JsonObject headers
            ? headers.FirstOrDefault(h => h.Key.Equals("Link", StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>()
            : null;
        var link = HttpCallPaging.NextLink(header);
        if (link is null)
        {
            return null;
        }

        if (!Uri.TryCreate(current, link, out var next))
        {
            throw new WorkflowFaultException($"The Link header of a page fetched by activity '{activityId}' names '{link}' as the next page, which is not an address.");
        }

        if (Uri.Compare(next, baseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new WorkflowFaultException(
                $"The Link header of a page fetched by activity '{activityId}' points the next page to {next.GetLeftPart(UriPartial.Authority)}, another host than the connection's {baseAddress.GetLeftPart(UriPartial.Authority)}; "
                + "it is not followed, because that host would receive the connection's credentials.");
        }

        return next;
    }

    private static Uri BuildUri(Uri baseAddress, string path, List<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> paging)
    {
        var parameters = query.ToList();
        foreach (var parameter in paging)
        {
            parameters.RemoveAll(p => p.Key == parameter.Key);
            parameters.Add(parameter);
        }

        var text = new StringBuilder(path);
        for (var i = 0; i < parameters.Count; i++)
        {
            text.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(parameters[i].Key)).Append('=').Append(Uri.EscapeDataString(parameters[i].Value));
        }

        return new Uri(baseAddress, text.ToString());
    }

    /// <summary>The path without leading slashes (it always extends the base URL) and the query it may carry.</summary>
    private static (string Path, string? Query) ReadPath(ActivityContext context)
    {
        var path = (context.Get(Path) ?? "").Trim();
        if (path.Contains("://", StringComparison.Ordinal))
        {
            throw new WorkflowFaultException(
                $"Input 'path' of activity '{context.ActivityId}' is a full address; give the path relative to the connection's base URL (such as referrals/17), or configure a connection for that system.");
        }

        var question = path.IndexOf('?', StringComparison.Ordinal);
        var query = question < 0 ? null : path[(question + 1)..];
        path = (question < 0 ? path : path[..question]).TrimStart('/');
        return (path, query);
    }

    private static List<KeyValuePair<string, string>> ReadQuery(ActivityContext context, string? pathQuery)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in (pathQuery ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            parameters.Add(equals < 0
                ? new(Uri.UnescapeDataString(pair), "")
                : new(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..])));
        }

        foreach (var (name, value) in context.Get(Query) ?? [])
        {
            switch (value)
            {
                case null:
                    break;
                case JsonArray values:
                    parameters.AddRange(values.Where(v => v is not null).Select(v => new KeyValuePair<string, string>(name, JsonValueConverter.AsText(v))));
                    break;
                case JsonObject:
                    throw new WorkflowFaultException(
                        $"Query parameter '{name}' of activity '{context.ActivityId}' is an object; give a text, number, boolean or a list of them.");
                default:
                    parameters.Add(new(name, JsonValueConverter.AsText(value)));
                    break;
            }
        }

        return parameters;
    }
}
