using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Queues;
using Automation.Server.Security;
using Automation.Server.Tests.Definitions;
using Automation.Server.Tests.Errors;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Server.Tests.Queues;

/// <summary>The real server with a fake clock (so leases can run out) and an operator and a planner signed in.</summary>
public sealed class QueuesFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public ServerFactory Factory { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Planner { get; private set; } = null!;

    public IWorkQueueStore Store => Factory.Services.GetRequiredService<IWorkQueueStore>();

    public async Task InitializeAsync()
    {
        Factory = new ServerFactory { ConfigureTestServices = s => s.AddSingleton<TimeProvider>(Clock) };
        Operator = await Factory.SignedInAsAsync("queue-operator", Roles.Operator);
        Planner = await Factory.SignedInAsAsync("queue-planner", Roles.Planner);
    }

    public Task DisposeAsync()
    {
        Operator?.Dispose();
        Planner?.Dispose();
        Factory?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Operators watching queues and settling failed and in-doubt items.</summary>
public sealed class QueuesApiTests(QueuesFixture fixture) : IClassFixture<QueuesFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Counts_ItemsInSeveralStates_OperatorSeesCountsPerState()
    {
        await AddAsync("counts", "R-1");
        await AddAsync("counts", "R-2");
        var failed = await AddAsync("counts", "R-3", priority: 5);
        await FailAsync(failed, WorkItemOutcome.BusinessFailed);

        var queues = await (await fixture.Operator.GetAsync("/api/queues").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        var counts = Assert.Single(queues, q => q!["queue"].Text() == "counts")!;
        Assert.Equal(2, counts["counts"]!["new"]!.GetValue<int>());
        Assert.Equal(1, counts["counts"]!["businessFailed"]!.GetValue<int>());
        Assert.Equal(0, counts["counts"]!["inDoubt"]!.GetValue<int>());
        Assert.Equal(3, counts["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Retry_AppFailedItem_OperatorPutsItBackToNewAndANewItemIsRefusedWith409()
    {
        var failed = await AddAsync("retry", "R-1", priority: 5);
        var fresh = await AddAsync("retry", "R-2");
        await FailAsync(failed, WorkItemOutcome.AppFailed, maxAttemptsReached: true);

        var retried = await (await fixture.Operator.PostAsync($"/api/queues/items/{failed}/retry", null).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var refused = await fixture.Operator.PostAsync($"/api/queues/items/{fresh}/retry", null);
        var listed = await (await fixture.Operator.GetAsync("/api/queues/retry/items?state=New").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("New", retried["state"].Text());
        Assert.Equal("AppFailed", retried["history"]![0]!["outcome"].Text());
        await Problems.AssertAsync(refused, HttpStatusCode.Conflict, "only AppFailed, BusinessFailed and InDoubt");
        Assert.Equal(2, listed["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Resolve_InDoubtItem_DoneWithTheReasonAndTheOperatorsName()
    {
        var item = await AddAsync("resolve", "R-1");
        await fixture.Store.TryTakeNextAsync("resolve", "robot-that-died", Lease, None);
        fixture.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var inDoubt = await (await fixture.Operator.GetAsync($"/api/queues/items/{item}").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        var noReason = await fixture.Operator.PostAsJsonAsync($"/api/queues/items/{item}/resolve", new { reason = " " });
        var resolved = await (await fixture.Operator.PostAsJsonAsync($"/api/queues/items/{item}/resolve", new { reason = "checked the target system: transferred" }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var unknown = await fixture.Operator.PostAsJsonAsync("/api/queues/items/no-such-item/resolve", new { reason = "x" });

        Assert.Equal("InDoubt", inDoubt["state"].Text());
        Assert.Equal("robot-that-died", inDoubt["history"]![0]!["owner"].Text());
        await Problems.AssertAsync(noReason, HttpStatusCode.BadRequest, "Say why the item counts as done");
        Assert.Equal("Done", resolved["state"].Text());
        Assert.Equal("checked the target system: transferred", resolved["resolution"]!["reason"].Text());
        Assert.Equal("queue-operator", resolved["resolution"]!["by"].Text());
        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound, "'no-such-item'");
    }

    [Fact]
    public async Task Queues_AsPlanner_Returns403AndChangesNothing()
    {
        var item = await AddAsync("planner", "R-1");
        await FailAsync(item, WorkItemOutcome.BusinessFailed);

        var list = await fixture.Planner.GetAsync("/api/queues");
        var retry = await fixture.Planner.PostAsync($"/api/queues/items/{item}/retry", null);
        var resolve = await fixture.Planner.PostAsJsonAsync($"/api/queues/items/{item}/resolve", new { reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, resolve.StatusCode);
        Assert.Equal(WorkQueueItemState.BusinessFailed, (await fixture.Store.GetAsync(item, None))!.State);
    }

    private async Task<string> AddAsync(string queue, string key, int priority = 0) =>
        (await fixture.Store.AddAsync(new NewWorkQueueItem(queue, key, new JsonObject { ["key"] = key }, priority), None)).Item.Id;

    /// <summary>Takes the queue's next item (the caller's, by priority) and fails it; AppFailed is repeated until no attempt is left.</summary>
    private async Task FailAsync(string itemId, WorkItemOutcome outcome, bool maxAttemptsReached = false)
    {
        var item = (await fixture.Store.GetAsync(itemId, None))!;
        do
        {
            var taken = await fixture.Store.TryTakeNextAsync(item.Queue, "robot", Lease, None);
            Assert.Equal(itemId, taken?.Id);
            item = await fixture.Store.CompleteAsync(itemId, "robot", outcome, "failed", null, None);
            if (item.NextAttemptAt is { } next)
            {
                fixture.Clock.Advance(next - fixture.Clock.GetUtcNow());
            }
        }
        while (maxAttemptsReached && item.State == WorkQueueItemState.New);
    }
}
