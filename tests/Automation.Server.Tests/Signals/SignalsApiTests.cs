using System.Net;
using System.Net.Http.Json;
using Automation.Server.Tests.Definitions;
using Automation.Server.Tests.Errors;

namespace Automation.Server.Tests.Signals;

/// <summary>Waking suspended instances from outside: named signals and bookmark resumption.</summary>
public sealed class SignalsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Execute_FlowWaitingOnSignal_Returns202ThenTheSignalFinishesIt()
    {
        await Api.PublishAsync(api.Owner, TestFlows.WaitsForSignal("await-referral", "referral-received"));

        var response = await Api.ExecuteAsync(api.Operator, "await-referral").ExpectAsync(HttpStatusCode.Accepted);
        var started = await response.ReadObjectAsync();
        var id = started["instanceId"].Text();
        Assert.Equal("Suspended", started["status"].Text());
        Assert.Equal($"/api/instances/{id}", response.Headers.Location?.OriginalString);

        var resumed = await (await api.Operator.PostAsJsonAsync("/api/signals/referral-received", new { payload = "R-1001" }).ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        var result = Assert.Single(resumed);
        Assert.Equal(id, result!["instanceId"].Text());
        Assert.Equal("Finished", result["status"].Text());
        Assert.Equal("got R-1001", result["output"]!["reply"].Text());
        Assert.Equal("Finished", (await Api.GetInstanceAsync(api.Operator, id))["status"].Text());
    }

    [Fact]
    public async Task Signal_AimedAtOneInstance_ResumesOnlyThatOne()
    {
        await Api.PublishAsync(api.Owner, TestFlows.WaitsForSignal("two-waiters", "two-waiters-go"));
        var first = (await (await Api.ExecuteAsync(api.Operator, "two-waiters").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync())["instanceId"].Text();
        var second = (await (await Api.ExecuteAsync(api.Operator, "two-waiters").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync())["instanceId"].Text();

        var resumed = await (await api.Operator.PostAsJsonAsync("/api/signals/two-waiters-go", new { payload = "only you", instanceId = second }).ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        Assert.Equal(second, Assert.Single(resumed)!["instanceId"].Text());
        Assert.Equal("Suspended", (await Api.GetInstanceAsync(api.Operator, first))["status"].Text());
        Assert.Equal("Finished", (await Api.GetInstanceAsync(api.Operator, second))["status"].Text());
    }

    [Fact]
    public async Task Signal_AimedAtAnInstanceThatDoesNotWaitForIt_Returns404()
    {
        await Api.PublishAsync(api.Owner, TestFlows.WaitsForSignal("wrong-signal", "wrong-signal-go"));
        var id = (await (await Api.ExecuteAsync(api.Operator, "wrong-signal").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync())["instanceId"].Text();

        var response = await api.Operator.PostAsJsonAsync("/api/signals/some-other-signal", new { payload = "x", instanceId = id });

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "does not wait for signal 'some-other-signal'");
        Assert.Equal("Suspended", (await Api.GetInstanceAsync(api.Operator, id))["status"].Text());
    }

    [Fact]
    public async Task ResumeBookmark_ByItsId_FinishesTheInstanceWithThePayload()
    {
        await Api.PublishAsync(api.Owner, TestFlows.WaitsForSignal("by-bookmark", "by-bookmark-go"));
        var id = (await (await Api.ExecuteAsync(api.Operator, "by-bookmark").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync())["instanceId"].Text();
        var bookmark = Assert.Single((await Api.GetInstanceAsync(api.Operator, id))["bookmarks"]!.AsArray());
        Assert.Equal("Signal", bookmark!["kind"].Text());

        var result = await (await api.Operator.PostAsJsonAsync($"/api/bookmarks/{bookmark["id"].Text()}/resume", new { payload = "direct" }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("Finished", result["status"].Text());
        Assert.Equal("got direct", result["output"]!["reply"].Text());
    }
}
