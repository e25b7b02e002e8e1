using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Definitions;

namespace Automation.Server.Tests.Instances;

/// <summary>An operator starting, watching, retrying and cancelling instances through the API.</summary>
public sealed class InstancesApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Dispatch_FiveSteps_Returns202AtOnceAndTheInstanceFinishesLater()
    {
        await Api.PublishAsync(api.Owner, TestFlows.FiveSteps("dispatched"));

        var response = await api.Operator.PostAsJsonAsync("/api/definitions/dispatched/dispatch", new { correlationId = "order-77" }).ExpectAsync(HttpStatusCode.Accepted);
        var started = await response.ReadObjectAsync();
        var id = started["instanceId"].Text();
        var finished = await Api.WaitForStatusAsync(api.Operator, id, "Finished");

        Assert.Equal($"/api/instances/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(5, finished["output"]!["count"]!.GetValue<int>());
        Assert.Equal("order-77", finished["correlationId"].Text());
    }

    [Fact]
    public async Task Execute_FiveSteps_Returns200WithTheOutput()
    {
        await Api.PublishAsync(api.Owner, TestFlows.FiveSteps("executed"));

        var run = await (await Api.ExecuteAsync(api.Operator, "executed").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("Finished", run["status"].Text());
        Assert.Equal(5, run["output"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_FilteredByDefinitionStatusAndCorrelationId_ReturnsOnlyMatchesInPages()
    {
        await Api.PublishAsync(api.Owner, TestFlows.FiveSteps("list-a"));
        await Api.PublishAsync(api.Owner, TestFlows.WaitsForSignal("list-b", "list-b-never"));
        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var run = await (await Api.ExecuteAsync(api.Operator, "list-a", new { correlationId = $"list-a-{i}" }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
            ids.Add(run["instanceId"].Text());
        }

        for (var i = 1; i <= 2; i++)
        {
            await Api.ExecuteAsync(api.Operator, "list-b", new { correlationId = "list-b" }).ExpectAsync(HttpStatusCode.Accepted);
        }

        var byDefinition = await ListAsync("definitionId=list-a");
        var suspended = await ListAsync("definitionId=list-b&status=Suspended");
        var finishedB = await ListAsync("definitionId=list-b&status=finished");
        var byCorrelation = await ListAsync("correlationId=list-a-2");
        var page1 = await ListAsync("definitionId=list-a&take=2");
        var page2 = await ListAsync("definitionId=list-a&take=2&skip=2");

        Assert.Equal(3, byDefinition["total"]!.GetValue<int>());
        Assert.Equal(2, suspended["total"]!.GetValue<int>());
        Assert.All(suspended["items"]!.AsArray(), i => Assert.Equal("Suspended", i!["status"].Text()));
        Assert.Equal(0, finishedB["total"]!.GetValue<int>());
        Assert.Equal(ids[1], Assert.Single(byCorrelation["items"]!.AsArray())!["id"].Text());
        Assert.Equal(2, page1["items"]!.AsArray().Count);
        Assert.Equal(3, page1["total"]!.GetValue<int>());
        Assert.Single(page2["items"]!.AsArray());
        Assert.Equal(ids.Order(), page1["items"]!.AsArray().Concat(page2["items"]!.AsArray()).Select(i => i!["id"].Text()).Order());
    }

    [Fact]
    public async Task Get_InstanceWithPersonalData_ShowsVariablesWithPersonalValuesMasked()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("masked"));
        var run = await (await Api.ExecuteAsync(api.Operator, "masked", new { input = new { who = "Ann", cpr = "0101801234" } }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var id = run["instanceId"].Text();

        var text = await api.Operator.GetStringAsync($"/api/instances/{id}");
        var journal = await api.Operator.GetStringAsync($"/api/instances/{id}/journal");

        var instance = JsonNode.Parse(text)!;
        Assert.Equal("Ann", instance["input"]!["who"].Text());
        Assert.NotNull(instance["input"]!["cpr"]);
        Assert.NotNull(instance["variables"]!["patient"]);
        Assert.DoesNotContain("0101801234", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0101801234", journal, StringComparison.Ordinal);
        Assert.Empty(instance["incidents"]!.AsArray());
    }

    [Fact]
    public async Task Journal_FiveSteps_ListsEachActivityOnceInOrder()
    {
        await Api.PublishAsync(api.Owner, TestFlows.FiveSteps("journaled"));
        var run = await (await Api.ExecuteAsync(api.Operator, "journaled").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        var journal = await (await api.Operator.GetAsync($"/api/instances/{run["instanceId"].Text()}/journal").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        Assert.Equal(["s1", "s2", "s3", "s4", "s5"], journal.Select(e => e!["activityId"].Text()));
        var sequences = journal.Select(e => e!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.All(journal, e => Assert.Equal("Done", e!["outcome"].Text()));
    }

    [Fact]
    public async Task Retry_AfterTheFailingRuleIsFixed_RunsOnFromTheFaultedActivityAndFinishes()
    {
        await Api.PublishAsync(api.Owner, TestFlows.FailingRule("hospital-rule"));
        await Api.PublishAsync(api.Owner, TestFlows.CallsRule("referral-check", "hospital-rule"));
        var run = await (await Api.ExecuteAsync(api.Operator, "referral-check").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var id = run["instanceId"].Text();
        Assert.Equal("Faulted", run["status"].Text());
        var faulted = await Api.GetInstanceAsync(api.Operator, id);
        var incident = Assert.Single(faulted["incidents"]!.AsArray());
        Assert.Equal("check", incident!["activityId"].Text());
        Assert.Contains("The referral names no hospital", incident["message"].Text(), StringComparison.Ordinal);
        Assert.False(incident["resolved"]!.GetValue<bool>());

        await Api.PublishAsync(api.Owner, TestFlows.PassingRule("hospital-rule"));
        var retried = await (await api.Operator.PostAsync($"/api/instances/{id}/retry", null).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("Finished", retried["status"].Text());
        Assert.True(retried["output"]!["done"]!.GetValue<bool>());
        var journal = await (await api.Operator.GetAsync($"/api/instances/{id}/journal").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        Assert.Equal(
            ["before:Done", "check:Faulted", "check:Done", "after:Done"],
            journal.Select(e => $"{e!["activityId"].Text()}:{e["outcome"].Text()}"));
        Assert.True(Assert.Single((await Api.GetInstanceAsync(api.Operator, id))["incidents"]!.AsArray())!["resolved"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Cancel_SuspendedInstance_IsCancelledAndTheSignalNoLongerReachesIt()
    {
        await Api.PublishAsync(api.Owner, TestFlows.WaitsForSignal("cancellable", "cancellable-go"));
        var started = await (await Api.ExecuteAsync(api.Operator, "cancellable").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync();
        var id = started["instanceId"].Text();

        var cancelled = await (await api.Operator.PostAsync($"/api/instances/{id}/cancel", null).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var signalled = await (await api.Operator.PostAsJsonAsync("/api/signals/cancellable-go", new { payload = "late" }).ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        Assert.Equal("Cancelled", cancelled["status"].Text());
        var instance = await Api.GetInstanceAsync(api.Operator, id);
        Assert.Equal("Cancelled", instance["status"].Text());
        Assert.Empty(instance["bookmarks"]!.AsArray());
        Assert.Empty(signalled);
    }

    private async Task<JsonObject> ListAsync(string query) =>
        await (await api.Operator.GetAsync($"/api/instances?{query}").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
}
