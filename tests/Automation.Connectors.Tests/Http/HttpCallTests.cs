using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Http;

public sealed class HttpCallTests
{
    [Fact]
    public async Task StartAsync_PostWithPathQueryAndBody_ReachesTheServerUnderTheBaseUrl()
    {
        string? url = null, method = null, received = null, contentType = null;
        using var server = new LocalHttpServer(async (context, ct) =>
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            (url, method, contentType, received) = (context.Request.Url!.PathAndQuery, context.Request.HttpMethod, context.Request.ContentType, await reader.ReadToEndAsync(ct));
            await HttpCallFlow.WriteJsonAsync(context.Response, """{ "id": "R-17" }""", ct, status: 404);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var result = await host.RunAsync(HttpCallFlow.Calling("""
            "connection": "api", "method": "POST", "path": "/referrals?source=nightly",
            "query": { "region": "Nord", "tag": ["a b", "c"] },
            "body": { "js": "({ referral: 'R-17', seats: 2 })" }
            """));

        Assert.Equal(["not found"], host.Log.Lines);
        Assert.Equal("/api/referrals?source=nightly&region=Nord&tag=a%20b&tag=c", url);
        Assert.Equal("POST", method);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal(2, JsonNode.Parse(received!)!["seats"]!.GetValue<int>());
        Assert.Equal(404, result.Output["response"]!["statusCode"]!.GetValue<int>());
        Assert.Equal("R-17", result.Output["response"]!["body"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartAsync_UnknownConnection_FaultsListingConfiguredNames()
    {
        using var server = new LocalHttpServer((_, _) => Task.CompletedTask);
        using var host = new TestHost(HttpCallFlow.Connection(server, "sundhedsplatform"), HttpCallFlow.Connection(server, "visitation"));

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"sundhed\""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal("There is no connection 'sundhed'. Configured connections: sundhedsplatform, visitation.", result.Incident!.Message);
    }

    [Fact]
    public async Task StartAsync_LinkHeaderPaging_CollectsItemsOfEveryPage()
    {
        var seen = new ConcurrentQueue<string>();
        using var server = new LocalHttpServer((context, ct) =>
        {
            var page = int.Parse(context.Request.QueryString["page"] ?? "1", System.Globalization.CultureInfo.InvariantCulture);
            seen.Enqueue(context.Request.Url!.PathAndQuery);
            if (page < 3)
            {
                // Relative on page 1, absolute on page 2: both are resolved against the page's own address.
                var next = page == 1 ? "orders?status=open&page=2" : $"{context.Request.Url!.GetLeftPart(UriPartial.Path)}?status=open&page=3";
                context.Response.Headers["Link"] = $"<{context.Request.Url!.GetLeftPart(UriPartial.Path)}?page=1>; rel=\"first\", <{next}>; rel=\"next\"";
            }

            var items = new JsonArray(Enumerable.Range(1, 3).Select(i => (JsonNode?)new JsonObject { ["id"] = $"{page}-{i}" }).ToArray());
            return HttpCallFlow.WriteJsonAsync(context.Response, new JsonObject { ["data"] = new JsonObject { ["results"] = items } }.ToJsonString(), ct);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var result = await host.RunAsync(HttpCallFlow.Calling("""
            "connection": "api", "path": "orders", "query": { "status": "open" },
            "paging": { "mode": "link", "itemsPath": "data.results" }
            """));

        Assert.Equal("ok", host.Log.Lines[^1]);
        var body = result.Output["response"]!["body"]!.AsArray();
        Assert.Equal(["1-1", "1-2", "1-3", "2-1", "2-2", "2-3", "3-1", "3-2", "3-3"], body.Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(3, result.Output["response"]!["pages"]!.GetValue<int>());
        Assert.Equal(["/api/orders?status=open", "/api/orders?status=open&page=2", "/api/orders?status=open&page=3"], seen);
    }

    [Fact]
    public async Task StartAsync_PageNumberPaging_CountsUpUntilAnEmptyPage()
    {
        var seen = new ConcurrentQueue<string>();
        using var server = new LocalHttpServer((context, ct) =>
        {
            var page = int.Parse(context.Request.QueryString["p"]!, System.Globalization.CultureInfo.InvariantCulture);
            seen.Enqueue(context.Request.Url!.Query);
            var items = page <= 3 ? Enumerable.Range(1, 2).Select(i => (JsonNode?)(page * 10 + i)).ToArray() : [];
            return HttpCallFlow.WriteJsonAsync(context.Response, new JsonObject { ["items"] = new JsonArray(items) }.ToJsonString(), ct);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var result = await host.RunAsync(HttpCallFlow.Calling("""
            "connection": "api", "path": "addresses",
            "paging": { "mode": "page", "itemsPath": "items", "pageParam": "p", "sizeParam": "size", "pageSize": 2 }
            """));

        Assert.Equal("ok", host.Log.Lines[^1]);
        Assert.Equal([11, 12, 21, 22, 31, 32], result.Output["response"]!["body"]!.AsArray().Select(i => i!.GetValue<int>()));
        Assert.Equal(["?p=1&size=2", "?p=2&size=2", "?p=3&size=2", "?p=4&size=2"], seen);
        var entry = await HttpCallFlow.CallEntryAsync(host, result);
        Assert.Contains("HTTP GET api/addresses: collected 6 items from 4 pages.", entry.Log!);
    }

    [Fact]
    public async Task StartAsync_OffsetPaging_MovesOnByTheItemsReceived()
    {
        var seen = new ConcurrentQueue<string>();
        using var server = new LocalHttpServer((context, ct) =>
        {
            var offset = int.Parse(context.Request.QueryString["offset"]!, System.Globalization.CultureInfo.InvariantCulture);
            seen.Enqueue(context.Request.Url!.Query);
            var items = Enumerable.Range(offset, Math.Clamp(7 - offset, 0, 3)).Select(i => (JsonNode?)i).ToArray();
            return HttpCallFlow.WriteJsonAsync(context.Response, new JsonArray(items).ToJsonString(), ct);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var result = await host.RunAsync(HttpCallFlow.Calling("""
            "connection": "api", "path": "rows", "paging": { "mode": "offset", "pageSize": 3 }
            """));

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], result.Output["response"]!["body"]!.AsArray().Select(i => i!.GetValue<int>()));
        Assert.Equal(["?offset=0&limit=3", "?offset=3&limit=3", "?offset=6&limit=3", "?offset=7&limit=3"], seen);
    }

    [Fact]
    public async Task StartAsync_MorePagesThanMaxPages_FaultsNamingTheLimit()
    {
        using var server = new LocalHttpServer((context, ct) => HttpCallFlow.WriteJsonAsync(context.Response, "[1, 2]", ct));
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var result = await host.RunAsync(HttpCallFlow.Calling("""
            "connection": "api", "path": "endless", "paging": { "mode": "page", "maxPages": 3 }
            """));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("more than 3 pages (paging.maxPages of activity 'call')", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_LinkToAnotherHost_IsNotFollowed()
    {
        string? authorization = null;
        using var elsewhere = new LocalHttpServer((context, ct) =>
        {
            authorization = context.Request.Headers["Authorization"];
            return HttpCallFlow.WriteJsonAsync(context.Response, "[]", ct);
        });
        using var server = new LocalHttpServer((context, ct) =>
        {
            context.Response.Headers["Link"] = $"<{elsewhere.Url}steal>; rel=\"next\"";
            return HttpCallFlow.WriteJsonAsync(context.Response, "[1]", ct);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var result = await host.RunAsync(HttpCallFlow.Calling("""
            "connection": "api", "path": "list", "paging": { "mode": "link" }
            """));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("another host", result.Incident!.Message, StringComparison.Ordinal);
        Assert.False(elsewhere.RequestReceived.Task.IsCompleted);
        Assert.Null(authorization);
    }

    [Fact]
    public async Task StartAsync_UnknownPagingSetting_FaultsListingTheSettings()
    {
        using var server = new LocalHttpServer((context, ct) => HttpCallFlow.WriteJsonAsync(context.Response, "[]", ct));
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var result = await host.RunAsync(HttpCallFlow.Calling("""
            "connection": "api", "paging": { "mode": "page", "pageSzie": 10 }
            """));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("unknown setting 'pageSzie'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.False(server.RequestReceived.Task.IsCompleted);
    }
}
