using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Automation.Server.Tests.Definitions;

/// <summary>The designer's test run: POST /api/definitions/{id}/test-run runs the draft in the background as a marked instance.</summary>
public sealed class TestRunApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task TestRun_UnpublishedDraft_RunsInTheBackgroundAsVersion0MarkedTestRun()
    {
        await api.Owner.PostAsync("/api/definitions", Api.Json(TestFlows.Greeting("tr-draft", "Hej"))).ExpectAsync(HttpStatusCode.Created);

        var response = await api.Owner.PostAsJsonAsync("/api/definitions/tr-draft/test-run", new { input = new { who = "Ada" } }).ExpectAsync(HttpStatusCode.Accepted);
        var started = await response.ReadObjectAsync();

        var instanceId = started["instanceId"].Text();
        Assert.Equal(0, started["definitionVersion"]!.GetValue<int>());
        Assert.Equal($"/api/instances/{instanceId}", response.Headers.Location?.OriginalString);
        var instance = await Api.WaitForStatusAsync(api.Owner, instanceId, "Finished");
        Assert.Equal("Hej, Ada", instance["output"]!["greeting"].Text());
        Assert.Equal("test-run", instance["correlationId"].Text());
        Assert.Equal(0, instance["definitionVersion"]!.GetValue<int>());
        var journal = await (await api.Owner.GetAsync($"/api/instances/{instanceId}/journal").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        Assert.Equal(["remember", "greet"], journal.Select(e => e!["activityId"].Text()));
        var listed = await (await api.Owner.GetAsync("/api/instances?correlationId=test-run&definitionId=tr-draft").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        Assert.Equal(instanceId, Assert.Single(listed["items"]!.AsArray())!["id"].Text());
    }

    [Fact]
    public async Task TestRun_NoDraft_RunsTheLatestPublishedVersion()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("tr-published", "Hello"));

        var started = await (await api.Owner.PostAsJsonAsync("/api/definitions/tr-published/test-run", new { input = new { who = "Bo" } }).ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync();

        Assert.Equal(1, started["definitionVersion"]!.GetValue<int>());
        var instance = await Api.WaitForStatusAsync(api.Owner, started["instanceId"].Text(), "Finished");
        Assert.Equal("Hello, Bo", instance["output"]!["greeting"].Text());
    }

    [Fact]
    public async Task TestRun_DraftWithAnError_Answers400WithTheProblemByActivityAndStartsNothing()
    {
        var draft = JsonNode.Parse(TestFlows.Greeting("tr-invalid"))!.AsObject();
        draft["root"]!["activities"]![1]!["inputs"]!.AsObject().Remove("output");
        await api.Owner.PostAsync("/api/definitions", Api.Json(draft.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await api.Owner.PostAsJsonAsync("/api/definitions/tr-invalid/test-run", new { input = new { who = "Ada" } }).ExpectAsync(HttpStatusCode.BadRequest)).ReadObjectAsync();

        Assert.Contains("The draft of 'tr-invalid' has 1 error(s)", problem["detail"].Text(), StringComparison.Ordinal);
        var error = Assert.Single(problem["problems"]!.AsArray());
        Assert.Equal("greet", error!["activityId"].Text());
        Assert.Equal("output", error["input"].Text());
        Assert.Equal("Error", error["severity"].Text());
        var listed = await (await api.Owner.GetAsync("/api/instances?definitionId=tr-invalid").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        Assert.Equal(0, listed["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task TestRun_RequiredInputMissing_Answers400NamingTheInput()
    {
        await api.Owner.PostAsync("/api/definitions", Api.Json(TestFlows.Greeting("tr-input"))).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await api.Owner.PostAsJsonAsync("/api/definitions/tr-input/test-run", new { input = new { } }).ExpectAsync(HttpStatusCode.BadRequest)).ReadObjectAsync();

        Assert.Contains("who", problem["detail"].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRun_UnknownWorkflow_Answers404NamingIt()
    {
        var problem = await (await api.Owner.PostAsJsonAsync("/api/definitions/tr-nothing/test-run", new { }).ExpectAsync(HttpStatusCode.NotFound)).ReadObjectAsync();

        Assert.Contains("'tr-nothing'", problem["detail"].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRun_Operator_IsForbiddenToRunADraft()
    {
        await api.Owner.PostAsync("/api/definitions", Api.Json(TestFlows.Greeting("tr-operator"))).ExpectAsync(HttpStatusCode.Created);

        await api.Operator.PostAsJsonAsync("/api/definitions/tr-operator/test-run", new { input = new { who = "Ada" } }).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
