using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Infrastructure;
using Automation.Server.Tests.Scheduling;

namespace Automation.Server.Tests.HttpTriggers;

public sealed class HttpTriggerTests(SchedulingFixture server) : IClassFixture<SchedulingFixture>
{
    /// <summary>Answers POST /workflows/referrals with 201, a Location header and a body built from the request body.</summary>
    private const string Referrals = """
        {
          "id": "http-referrals", "name": "Receive referral",
          "triggers": [ { "kind": "http", "path": "referrals", "methods": ["POST"] } ],
          "variables": [ { "name": "referral", "type": "Object" } ],
          "outputs": [ { "name": "httpResponse", "type": "Object" } ],
          "root": {
            "activities": [
              { "id": "receive", "type": "HttpEndpoint", "inputs": { "path": "referrals", "methods": ["POST"], "bodyVariable": "referral" } },
              { "id": "answer", "type": "WriteHttpResponse", "inputs": {
                  "statusCode": 201,
                  "content": { "js": "({ referralId: 'R-' + variables.referral.number, patient: variables.referral.patient, urgent: variables.referral.priority === 'urgent' })" },
                  "headers": { "Location": "/referrals/R-17" } } }
            ],
            "connections": [ { "source": { "activity": "receive", "port": "Done" }, "target": { "activity": "answer" } } ]
          }
        }
        """;

    [Fact]
    public async Task Post_JsonToReferrals_AnswersWhatTheWorkflowWrote()
    {
        await Calls.PublishAsync(server.Owner, Referrals);

        var response = await server.Owner.PostAsJsonAsync("/workflows/referrals", new { number = 17, patient = "Jane Doe", priority = "urgent" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/referrals/R-17", response.Headers.Location?.OriginalString);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadObjectAsync();
        Assert.Equal("R-17", body["referralId"]!.GetValue<string>());
        Assert.Equal("Jane Doe", body["patient"]!.GetValue<string>());
        Assert.True(body["urgent"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Get_OnPostOnlyPath_Returns405NamingTheMethod()
    {
        await Calls.PublishAsync(server.Owner, Referrals);

        var response = await server.Owner.GetAsync("/workflows/referrals");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("answers POST, not GET", (await response.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownPath_Returns404ProblemDetails()
    {
        var response = await server.Owner.GetAsync("/workflows/no/such/path");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'/workflows/no/such/path'", (await response.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ImportedElsaHelloWorld_AnswersHelloWorld()
    {
        var file = await File.ReadAllTextAsync(Path.Combine(ServerFactory.RepositoryRoot, "..", "shared", "data", "elsa", "05-http-hello-world.json"));
        var imported = await (await Calls.ExpectAsync(server.Owner.PostAsync("/api/definitions/import", Calls.Json(file)), HttpStatusCode.OK)).ReadObjectAsync();
        var id = imported["id"]!.GetValue<string>();
        await Calls.ExpectAsync(server.Owner.PostAsync($"/api/definitions/{id}/publish", null), HttpStatusCode.OK);

        var response = await server.Owner.GetAsync("/workflows/hello-world");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Hello World!", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_WorkflowWithoutResponse_Returns200WithOutputAndRequestWithoutCredentials()
    {
        await Calls.PublishAsync(server.Owner, """
            {
              "id": "http-echo", "name": "Echo",
              "triggers": [ { "kind": "http", "path": "echo/{id}" } ],
              "outputs": [ { "name": "request", "type": "Object" } ],
              "root": { "activities": [ { "id": "echo", "type": "SetOutput", "inputs": { "output": "request", "value": { "js": "input.httpRequest" } } } ], "connections": [] }
            }
            """);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/workflows/echo/42?q=a&q=b&single=1");
        request.Headers.Add("X-Trace-Note", "from the test");

        var response = await server.Owner.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = (await response.ReadObjectAsync())["request"]!;
        Assert.Equal("GET", echoed["method"]!.GetValue<string>());
        Assert.Equal("/echo/42", echoed["path"]!.GetValue<string>());
        Assert.Equal("42", echoed["routeData"]!["id"]!.GetValue<string>());
        Assert.Equal("""["a","b"]""", echoed["query"]!["q"]!.ToJsonString());
        Assert.Equal("1", echoed["query"]!["single"]!.GetValue<string>());
        var headers = echoed["headers"]!.AsObject();
        Assert.Equal("from the test", headers["X-Trace-Note"]!.GetValue<string>());
        Assert.DoesNotContain(headers, h => h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        Assert.Null(echoed["body"]);
    }

    [Fact]
    public async Task Post_WorkflowThatWaits_Returns202WithInstance()
    {
        await Calls.PublishAsync(server.Owner, """
            {
              "id": "http-waits", "name": "Waits an hour",
              "triggers": [ { "kind": "http", "path": "waits", "methods": ["post"] } ],
              "root": { "activities": [ { "id": "wait", "type": "Delay", "inputs": { "duration": "01:00:00" } } ], "connections": [] }
            }
            """);

        var response = await server.Owner.PostAsync("/workflows/waits", Calls.Json("\"a text body\""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.ReadObjectAsync();
        Assert.Equal("Suspended", started["status"]!.GetValue<string>());
        Assert.Equal($"/api/instances/{started["instanceId"]}", response.Headers.Location?.OriginalString);
        var instance = await Calls.InstanceAsync(server.Owner, started["instanceId"]!.GetValue<string>());
        Assert.Equal("a text body", instance["input"]!["httpRequest"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400()
    {
        await Calls.PublishAsync(server.Owner, Referrals);

        var response = await server.Owner.PostAsync("/workflows/referrals", Calls.Json("{ \"number\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Publish_PathOfAnotherWorkflow_Refused409NamingIt()
    {
        await Calls.PublishAsync(server.Owner, Referrals);
        var rival = Referrals.Replace("\"http-referrals\"", "\"http-referrals-rival\"", StringComparison.Ordinal);

        var response = await Calls.TryPublishAsync(server.Owner, rival);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("answered by workflow 'http-referrals'", (await response.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Anonymous_Returns401()
    {
        using var anonymous = server.Factory.CreateClient();

        var response = await anonymous.GetAsync("/workflows/hello-world");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
