using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Http;

public sealed class HttpRequestTests
{
    [Theory]
    [InlineData(200, "ok")]
    [InlineData(404, "not found")]
    [InlineData(500, "unmatched")]
    public async Task StartAsync_StatusCode_ContinuesThroughItsPort(int status, string logged)
    {
        using var server = new LocalHttpServer((context, _) =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        using var engine = new TestEngine();

        var result = await engine.RunAsync(Calling(server.Url));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal([logged], engine.Log.Lines.Where(l => !l.StartsWith("HTTP", StringComparison.Ordinal)));
        Assert.Equal(status, result.Output["response"]!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task StartAsync_JsonResponse_IsParsedIntoTheResultVariable()
    {
        using var server = new LocalHttpServer(async (context, ct) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers["X-Region"] = "Nord";
            var bytes = Encoding.UTF8.GetBytes("""{ "address": { "road": "Skovvej", "number": "5A" }, "alarmArea": 17 }""");
            await context.Response.OutputStream.WriteAsync(bytes, ct);
        });
        using var engine = new TestEngine();

        var result = await engine.RunAsync(Calling(server.Url));

        var response = result.Output["response"]!;
        Assert.Equal("Skovvej", response["body"]!["address"]!["road"]!.GetValue<string>());
        Assert.Equal(17, response["body"]!["alarmArea"]!.GetValue<int>());
        Assert.Equal("Nord", response["headers"]!["X-Region"]!.GetValue<string>());
        Assert.Equal(["ok"], engine.Log.Lines);
    }

    [Fact]
    public async Task StartAsync_PostWithObjectBody_SendsJsonAndHeaders()
    {
        string? received = null, contentType = null, method = null, tag = null;
        using var server = new LocalHttpServer(async (context, ct) =>
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            received = await reader.ReadToEndAsync(ct);
            (contentType, method, tag) = (context.Request.ContentType, context.Request.HttpMethod, context.Request.Headers["X-Tag"]);
            context.Response.ContentType = "text/plain";
            await context.Response.OutputStream.WriteAsync("stored"u8.ToArray(), ct);
        });
        using var engine = new TestEngine();
        var definition = Calling(server.Url, """
            "method": "POST", "headers": { "X-Tag": "referral" },
            "body": { "js": "({ referral: 'R-17', seats: 2 })" },
            """);

        var result = await engine.RunAsync(definition);

        Assert.Equal("POST", method);
        Assert.Equal("referral", tag);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal("R-17", JsonNode.Parse(received!)!["referral"]!.GetValue<string>());
        Assert.Equal("stored", result.Output["response"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartAsync_NothingListens_TakesTheFailedPort()
    {
        using var engine = new TestEngine();

        var result = await engine.RunAsync(Calling($"http://127.0.0.1:{LocalHttpServer.ClosedPort()}/places"));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Contains("failed", engine.Log.Lines);
        Assert.Contains("/places failed", result.Output["response"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoResponseWithinTimeout_TakesTheTimeoutPort()
    {
        using var server = new LocalHttpServer((_, ct) => Task.Delay(Timeout.Infinite, ct));
        using var engine = new TestEngine();

        var running = engine.RunAsync(Calling(server.Url, "\"timeout\": \"PT1S\","));
        await server.RequestReceived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Contains("timeout", engine.Log.Lines);
    }

    [Fact]
    public async Task StartAsync_FailedWithRetries_RetriesThenTakesTheFailedPort()
    {
        using var engine = new TestEngine();
        var definition = Calling($"http://127.0.0.1:{LocalHttpServer.ClosedPort()}/", "", """, "resilience": { "retryCount": 2, "retryDelay": "00:00:00" }""");

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Contains("failed", engine.Log.Lines);
        var call = (await engine.Store.GetJournalAsync(result.InstanceId, CancellationToken.None)).Single(j => j.ActivityId == "call");
        Assert.Equal(3, call.Attempts);
        Assert.Equal("Failed", call.Outcome);
    }

    [Fact]
    public async Task StartAsync_FailurePortNotConnected_FaultsSayingWhichPortToConnect()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse($$"""
        {
          "id": "unhandled", "name": "Unhandled",
          "root": {
            "activities": [ { "id": "call", "type": "HttpRequest", "inputs": { "url": "http://127.0.0.1:{{LocalHttpServer.ClosedPort()}}/" } } ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal("call", result.Incident!.ActivityId);
        Assert.Contains("'Failed' port", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnexpectedStatusAndUnmatchedNotConnected_FaultsNamingTheStatus()
    {
        using var server = new LocalHttpServer((context, _) =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            return Task.CompletedTask;
        });
        using var engine = new TestEngine();
        var definition = TestEngine.Parse($$"""
        {
          "id": "unhandled", "name": "Unhandled",
          "root": {
            "activities": [ { "id": "call", "type": "HttpRequest", "inputs": { "url": "{{server.Url}}" } } ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("answered 503", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("'Unmatched' port", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionFromAStatusCodeNotExpected_IsAnErrorListingThePorts()
    {
        using var engine = new TestEngine();
        var definition = Calling("http://127.0.0.1/");
        definition.Root.Activities[0].Inputs["expectedStatusCodes"] = new JsonArray(200);

        var problems = engine.Runtime.Validator.Validate(definition);

        var problem = Assert.Single(problems, p => p.Message.Contains("'404'", StringComparison.Ordinal));
        Assert.Contains("it has: Unmatched, Failed, Timeout, 200", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>An HttpRequest to <paramref name="url"/> expecting 200 and 404, with every port leading to a Log.</summary>
    private static WorkflowDefinition Calling(string url, string extraInputs = "", string resilience = "") => TestEngine.Parse($$"""
    {
      "id": "http-call", "name": "HTTP call",
      "variables": [{ "name": "response", "type": "object" }],
      "outputs": [{ "name": "response" }],
      "root": {
        "activities": [
          { "id": "call", "type": "HttpRequest", "inputs": { {{extraInputs}} "url": "{{url}}", "expectedStatusCodes": [200, 404], "resultVariable": "response" }{{resilience}} },
          { "id": "ok", "type": "Log", "inputs": { "message": "ok" } },
          { "id": "missing", "type": "Log", "inputs": { "message": "not found" } },
          { "id": "other", "type": "Log", "inputs": { "message": "unmatched" } },
          { "id": "failed", "type": "Log", "inputs": { "message": "failed" } },
          { "id": "late", "type": "Log", "inputs": { "message": "timeout" } }
        ],
        "connections": [
          { "source": { "activity": "call", "port": "200" }, "target": { "activity": "ok" } },
          { "source": { "activity": "call", "port": "404" }, "target": { "activity": "missing" } },
          { "source": { "activity": "call", "port": "Unmatched" }, "target": { "activity": "other" } },
          { "source": { "activity": "call", "port": "Failed" }, "target": { "activity": "failed" } },
          { "source": { "activity": "call", "port": "Timeout" }, "target": { "activity": "late" } }
        ]
      }
    }
    """);
}
