using System.Net;
using System.Net.Http.Json;
using System.Text;
using Automation.Server.Tests.Definitions;

namespace Automation.Server.Tests.Errors;

/// <summary>Mistakes a caller can make: each gets the right 4xx with a ProblemDetails that says what to fix, never a 500 or a stack trace.</summary>
public sealed class BadInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Create_MalformedJson_Returns400WithLineAndPosition()
    {
        const string body = "{\n  \"id\": \"broken\",\n  \"name\": \"Broken\" \"root\": {}\n}";

        var response = await api.Owner.PostAsync("/api/definitions", Api.Json(body));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "line 3, position");
        Assert.Equal("Malformed JSON", problem["title"].Text());
    }

    [Fact]
    public async Task Execute_MalformedJsonBody_Returns400WithLineAndPosition()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("malformed-exec"));

        var response = await api.Operator.PostAsync("/api/definitions/malformed-exec/execute", Api.Json("{\"input\": {\"who\": \"Ann\",}"));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "line 1, position");
        Assert.Equal("Malformed JSON", problem["title"].Text());
    }

    [Fact]
    public async Task Execute_InputOfTheWrongJsonType_Returns400NamingWhereWithoutInternalTypeNames()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("wrong-type-exec"));

        var response = await api.Operator.PostAsync("/api/definitions/wrong-type-exec/execute", Api.Json("{\"input\": [\"Ann\"]}"));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "(in $.input)");
        Assert.Equal("Wrong type of value", problem["title"].Text());
        Assert.DoesNotContain("Automation.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BodyAboveMaxRequestBodyBytes_Returns413NamingTheSetting()
    {
        var padding = new string('x', ApiFixture.MaxRequestBodyBytes);
        var body = $$"""{ "id": "huge", "name": "Huge", "description": "{{padding}}", "root": { "activities": [], "connections": [] } }""";

        var response = await api.Owner.PostAsync("/api/definitions", Api.Json(body));

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "Automation:MaxRequestBodyBytes");
        await Problems.AssertAsync(await api.Owner.GetAsync("/api/definitions/huge"), HttpStatusCode.NotFound, "huge");
    }

    [Theory]
    [InlineData("/api/definitions")]
    [InlineData("/api/definitions/import")]
    [InlineData("/api/definitions/any/execute")]
    [InlineData("/api/signals/any")]
    public async Task Post_TextPlainBody_Returns415AskingForJson(string path)
    {
        using var content = new StringContent("{}", Encoding.UTF8, "text/plain");

        var response = await api.Owner.PostAsync(path, content);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task Execute_BodyWithoutContentType_Returns415AskingForJson()
    {
        using var content = new StringContent("{}");
        content.Headers.ContentType = null;

        var response = await api.Operator.PostAsync("/api/definitions/any/execute", content);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json");
        Assert.Equal("Unsupported media type", problem["title"].Text());
    }

    [Theory]
    [InlineData("GET", "/api/definitions/no-such-flow")]
    [InlineData("GET", "/api/definitions/no-such-flow/versions")]
    [InlineData("GET", "/api/definitions/no-such-flow/export")]
    [InlineData("POST", "/api/definitions/no-such-flow/publish")]
    [InlineData("POST", "/api/definitions/no-such-flow/validate")]
    [InlineData("POST", "/api/definitions/no-such-flow/execute")]
    [InlineData("POST", "/api/definitions/no-such-flow/dispatch")]
    [InlineData("DELETE", "/api/definitions/no-such-flow/draft")]
    [InlineData("GET", "/api/instances/no-such-instance")]
    [InlineData("GET", "/api/instances/no-such-instance/journal")]
    [InlineData("POST", "/api/instances/no-such-instance/cancel")]
    [InlineData("POST", "/api/instances/no-such-instance/retry")]
    [InlineData("POST", "/api/bookmarks/no-such-bookmark/resume")]
    [InlineData("POST", "/api/tasks/no-such-task/answer")]
    public async Task Request_UnknownId_Returns404NamingIt(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST" && path.EndsWith("answer", StringComparison.Ordinal))
        {
            request.Content = JsonContent.Create(new { outcome = "Approved" });
        }

        var response = await api.Owner.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, path.Split('/')[3]);
    }

    [Fact]
    public async Task Request_UnknownRoute_Returns404ProblemPointingToTheApiPage()
    {
        var response = await api.Owner.GetAsync("/api/no-such-thing");

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "/api-docs");
    }

    [Fact]
    public async Task Create_UnknownActivityType_Returns400NamingTheTypeAndStoresNothing()
    {
        var body = TestFlows.Greeting("teleporter").Replace("\"type\": \"SetOutput\"", "\"type\": \"Teleport\"", StringComparison.Ordinal);

        var response = await api.Owner.PostAsync("/api/definitions", Api.Json(body));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "unknown activity type 'Teleport'");
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("$.root.activities[1].type", error!["path"].Text());
        Assert.Equal("greet", error["activityId"].Text());
        await Problems.AssertAsync(await api.Owner.GetAsync("/api/definitions/teleporter"), HttpStatusCode.NotFound, "teleporter");
    }

    [Fact]
    public async Task Execute_MissingRequiredInput_Returns400NamingTheInput()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("needs-who"));

        var response = await Api.ExecuteAsync(api.Operator, "needs-who", new { input = new { cpr = "0101011234" } });

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "input 'who' is required");
        var list = await (await api.Operator.GetAsync("/api/instances?definitionId=needs-who").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Dispatch_MissingRequiredInput_Returns400NamingTheInput()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("dispatch-needs-who"));

        var response = await api.Operator.PostAsJsonAsync("/api/definitions/dispatch-needs-who/dispatch", new { input = new { } });

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "input 'who' is required");
    }

    [Fact]
    public async Task Publish_DraftWithErrors_Returns400ListingEachErrorAndPublishesNothing()
    {
        var body = TestFlows.Greeting("unfinished").Replace("\"output\": \"greeting\", ", "", StringComparison.Ordinal);
        await api.Owner.PostAsync("/api/definitions", Api.Json(body)).ExpectAsync(HttpStatusCode.Created);

        var response = await api.Owner.PostAsync("/api/definitions/unfinished/publish", null);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "needs input 'output'");
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("$.root.activities[1].inputs.output", error!["path"].Text());
        var versions = await (await api.Owner.GetAsync("/api/definitions/unfinished/versions").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        Assert.Equal([0], versions.Select(v => v!["version"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("take=0", "take between 1 and 200")]
    [InlineData("take=201", "take between 1 and 200")]
    [InlineData("skip=-1", "skip must be 0 or more")]
    [InlineData("status=Sleeping", "Unknown status 'Sleeping'")]
    [InlineData("status=2", "Unknown status '2'")]
    [InlineData("take=many", "'take' cannot be 'many'; give a whole number")]
    [InlineData("from=yesterday", "'from' cannot be 'yesterday'; give a date and time")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "swap them")]
    public async Task ListInstances_BadPagingOrFilter_Returns400Explaining(string query, string detail)
    {
        var response = await api.Operator.GetAsync($"/api/instances?{query}");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Signal_MalformedJsonPayload_Returns400AndTheInstanceKeepsWaiting()
    {
        await Api.PublishAsync(api.Owner, TestFlows.WaitsForSignal("bad-signal", "bad-signal-go"));
        var started = await (await Api.ExecuteAsync(api.Operator, "bad-signal").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync();

        var response = await api.Operator.PostAsync("/api/signals/bad-signal-go", Api.Json("{\"payload\": \"yes"));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "line 1, position");
        Assert.Equal("Suspended", (await Api.GetInstanceAsync(api.Operator, started["instanceId"].Text()))["status"].Text());
    }

    [Fact]
    public async Task Signal_PayloadOfTheWrongType_Returns400NamingTheVariableAndTheInstanceKeepsWaiting()
    {
        await Api.PublishAsync(api.Owner, TestFlows.WaitsForSignal("typed-signal", "typed-signal-go", answerType: "Integer"));
        var started = await (await Api.ExecuteAsync(api.Operator, "typed-signal").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync();

        var response = await api.Operator.PostAsJsonAsync("/api/signals/typed-signal-go", new { payload = "several" });

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "variable 'answer'");
        var instance = await Api.GetInstanceAsync(api.Operator, started["instanceId"].Text());
        Assert.Equal("Suspended", instance["status"].Text());
        Assert.Single(instance["bookmarks"]!.AsArray());
    }

    [Fact]
    public async Task Retry_FinishedInstance_Returns409()
    {
        await Api.PublishAsync(api.Owner, TestFlows.FiveSteps("retry-finished"));
        var run = await (await Api.ExecuteAsync(api.Operator, "retry-finished").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        var response = await api.Operator.PostAsync($"/api/instances/{run["instanceId"].Text()}/retry", null);

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "only a faulted instance can be retried");
    }

    [Fact]
    public async Task Cancel_FinishedInstance_Returns409AndItStaysFinished()
    {
        await Api.PublishAsync(api.Owner, TestFlows.FiveSteps("cancel-finished"));
        var run = await (await Api.ExecuteAsync(api.Operator, "cancel-finished").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var id = run["instanceId"].Text();

        var response = await api.Operator.PostAsync($"/api/instances/{id}/cancel", null);

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "Finished already");
        Assert.Equal("Finished", (await Api.GetInstanceAsync(api.Operator, id))["status"].Text());
    }

    [Fact]
    public async Task AnswerTask_WithoutBody_Returns400ShowingTheExpectedShape()
    {
        var response = await api.Operator.PostAsync("/api/tasks/some-task/answer", null);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "\"outcome\"");
    }
}
