using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.ElsaImport;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Http;

namespace Automation.Engine.Tests.ElsaImport;

/// <summary>
/// The two HTTP files of the corpus are rejected for their C# expressions; with those rewritten as JavaScript and the
/// URLs pointed at a local server (never the internet) they run the way Elsa runs them.
/// </summary>
public sealed class ElsaHttpImportTests
{
    [Fact]
    public async Task Load_12ParallelRequestsRewrittenAsJavaScript_CallsAllThreeAndMergesOnce()
    {
        var paths = new ConcurrentBag<string>();
        using var server = new LocalHttpServer(async (context, ct) =>
        {
            paths.Add(context.Request.Url!.PathAndQuery);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("""{ "data": { "id": 1 } }"""), ct);
        });
        var document = ElsaCorpus.Json("12-parallel-http-requests.json");
        foreach (var (id, user) in new[] { ("882b29442d9d108d", 1), ("4db8e216bd3c9814", 2), ("bc58a1a2518a9a20", 3) })
        {
            ElsaCorpus.Activity(document, id)["url"]!["expression"]!["value"] = $"{server.Url}api/users/{user}?delay=3";
        }

        ElsaCorpus.Activity(document, "ec92ea1593ca7098")["text"]!["expression"] = new JsonObject
        {
            ["type"] = "JavaScript",
            ["value"] = "getStatusCode1() + ' ' + getStatusCode2() + ' ' + getStatusCode3() + ' ' + typeof getResponse1()",
        };
        using var engine = new TestEngine();

        var definition = WorkflowFileLoader.LoadJson(document.ToJsonString(), "12-parallel-http-requests (JavaScript)");
        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["/api/users/1?delay=3", "/api/users/2?delay=3", "/api/users/3?delay=3"], paths.Order());

        // Elsa waits for all three requests before the WriteLine that all of them lead to, and runs it once.
        Assert.Equal(["200 200 200 string"], engine.Log.Lines);
    }

    [Theory]
    [InlineData("2", 200, "Janet")]
    [InlineData("23", 404, null)]
    public async Task Load_11GetUserRewrittenAsJavaScript_AnswersByTheUpstreamStatus(string userId, int expectedStatus, string? expectedName)
    {
        using var server = new LocalHttpServer(async (context, ct) =>
        {
            var found = context.Request.Url!.AbsolutePath == "/api/users/2";
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            var body = found ? """{ "data": { "id": 2, "first_name": "Janet" } }""" : "{}";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body), ct);
        });
        var document = ElsaCorpus.Json("11-get-user.json");
        ElsaCorpus.Activity(document, "47898b89878097e2")["url"]!["expression"] = new JsonObject
        {
            ["type"] = "JavaScript",
            ["value"] = $"'{server.Url}api/users/' + getUserId()",
        };
        ElsaCorpus.Activity(document, "595a8892f09a15cd")["value"]!["expression"] = new JsonObject
        {
            ["type"] = "JavaScript",
            ["value"] = "getRouteData().userid",
        };
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.LoadJson(document.ToJsonString(), "11-get-user (JavaScript)");

        var result = await engine.RunAsync(definition, new JsonObject
        {
            ["httpRequest"] = new JsonObject { ["method"] = "GET", ["path"] = $"users/{userId}", ["routeData"] = new JsonObject { ["userid"] = userId } },
        });

        var trigger = Assert.Single(definition.Triggers);
        Assert.Equal(("http", "users/{userid}"), (trigger.Kind, trigger.Path));
        Assert.Equal(InstanceStatus.Finished, result.Status);
        var response = result.Output["httpResponse"]!;
        Assert.Equal(expectedStatus, response["statusCode"]!.GetValue<int>());
        Assert.Equal(expectedName, response["content"]?["first_name"]?.GetValue<string>());
    }
}
