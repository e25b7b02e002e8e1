using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Automation.Data.Queues;
using Automation.Engine.Hosting;
using Automation.Engine.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Data.Tests.Queues;

/// <summary>The queue rules on a real SQLite file.</summary>
public sealed class SqliteWorkQueueStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(TestData.Now);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task AddAsync_SameBusinessKeyTwice_ReturnsTheExistingItem()
    {
        await using var services = Services();
        var store = Store(services);

        var first = await store.AddAsync(new NewWorkQueueItem("referrals", "R-1", new JsonObject { ["ward"] = "A" }), None);
        var second = await store.AddAsync(new NewWorkQueueItem("referrals", "R-1", new JsonObject { ["ward"] = "B" }), None);

        Assert.IsType<SqliteWorkQueueStore>(store);
        Assert.True(first.Added);
        Assert.False(second.Added);
        Assert.Equal(first.Item.Id, second.Item.Id);
        Assert.Equal("A", second.Item.Payload["ward"]!.GetValue<string>());
        Assert.Equal(1, TestData.Count(_folder.Database, "WorkQueueItems"));
    }

    [Fact]
    public async Task TryTakeNextAsync_MixedPrioritiesAndDeadlines_TakesHighPriorityThenEarliestDeadlineThenOldest()
    {
        await using var services = Services();
        var store = Store(services);
        var now = _clock.GetUtcNow();
        await store.AddAsync(new NewWorkQueueItem("q", "low"), None);
        await store.AddAsync(new NewWorkQueueItem("q", "normal-no-deadline", Priority: 1), None);
        await store.AddAsync(new NewWorkQueueItem("q", "normal-late", Priority: 1, Deadline: now.AddHours(5)), None);
        await store.AddAsync(new NewWorkQueueItem("q", "normal-early", Priority: 1, Deadline: now.AddHours(1)), None);
        await store.AddAsync(new NewWorkQueueItem("q", "urgent", Priority: 9), None);
        await store.AddAsync(new NewWorkQueueItem("other", "elsewhere", Priority: 99), None);

        var order = new List<string>();
        while (await store.TryTakeNextAsync("q", "robot", Lease, None) is { } item)
        {
            order.Add(item.BusinessKey);
        }

        Assert.Equal(["urgent", "normal-early", "normal-late", "normal-no-deadline", "low"], order);
    }

    [Fact]
    public async Task TryTakeNextAsync_LeaseExpired_HandsTheItemOutFlaggedInDoubtWithThePreviousAttempt()
    {
        await using var services = Services();
        var store = Store(services);
        var added = (await store.AddAsync(new NewWorkQueueItem("q", "R-7"), None)).Item;
        await store.TryTakeNextAsync("q", "robot-1", Lease, None);
        _clock.Advance(TimeSpan.FromMinutes(4));
        await store.HeartbeatAsync(added.Id, "robot-1", Lease, None);
        _clock.Advance(TimeSpan.FromMinutes(4));
        var whileHeartbeating = await store.TryTakeNextAsync("q", "robot-2", Lease, None);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var counts = await store.CountsAsync(None);
        var retaken = await store.TryTakeNextAsync("q", "robot-2", Lease, None);
        var late = await Assert.ThrowsAsync<WorkQueueConflictException>(() => store.CompleteAsync(added.Id, "robot-1", WorkItemOutcome.Done, null, null, None));

        Assert.Null(whileHeartbeating);
        Assert.Equal(1, Assert.Single(counts).States[WorkQueueItemState.InDoubt]);
        Assert.NotNull(retaken);
        Assert.True(retaken.InDoubt);
        Assert.Equal(2, retaken.Attempts);
        Assert.Equal(("robot-1", WorkQueueAttemptOutcome.InDoubt), (retaken.History[0].Owner, retaken.History[0].Outcome));
        Assert.Contains("'robot-2' holds it", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_AppFailedThenBusinessFailed_RetriesWithGrowingDelayUntilMaxAndNeverRetriesBusinessErrors()
    {
        await using var services = Services(o => o.MaxAttempts["q"] = 2);
        var store = Store(services);
        var app = (await store.AddAsync(new NewWorkQueueItem("q", "app"), None)).Item;

        await store.TryTakeNextAsync("q", "robot", Lease, None);
        var first = await store.CompleteAsync(app.Id, "robot", WorkItemOutcome.AppFailed, "timeout", null, None);
        var tooEarly = await store.TryTakeNextAsync("q", "robot", Lease, None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await store.TryTakeNextAsync("q", "robot", Lease, None);
        var second = await store.CompleteAsync(app.Id, "robot", WorkItemOutcome.AppFailed, "timeout again", null, None);
        var business = (await store.AddAsync(new NewWorkQueueItem("q", "business"), None)).Item;
        await store.TryTakeNextAsync("q", "robot", Lease, None);
        var rejected = await store.CompleteAsync(business.Id, "robot", WorkItemOutcome.BusinessFailed, "unknown patient", null, None);
        _clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal((WorkQueueItemState.New, TestData.Now.AddSeconds(30)), (first.State, first.NextAttemptAt));
        Assert.Null(tooEarly);
        Assert.Equal(WorkQueueItemState.AppFailed, second.State);
        Assert.Equal(["timeout", "timeout again"], second.History.Select(h => h.Message));
        Assert.Equal(WorkQueueItemState.BusinessFailed, rejected.State);
        Assert.Null(await store.TryTakeNextAsync("q", "robot", Lease, None));
    }

    [Fact]
    public async Task RetryAndResolve_FailedItems_FollowTheOperatorRules()
    {
        await using var services = Services(o => o.MaxAttempts["q"] = 1);
        var store = Store(services);
        var failed = (await store.AddAsync(new NewWorkQueueItem("q", "failed"), None)).Item;
        await store.TryTakeNextAsync("q", "robot", Lease, None);
        await store.CompleteAsync(failed.Id, "robot", WorkItemOutcome.AppFailed, "down", null, None);

        var retried = await store.RetryAsync(failed.Id, None);
        var conflict = await Assert.ThrowsAsync<WorkQueueConflictException>(() => store.ResolveAsync(failed.Id, "checked", "op", None));
        await store.TryTakeNextAsync("q", "robot", Lease, None);
        await store.CompleteAsync(failed.Id, "robot", WorkItemOutcome.AppFailed, "down", null, None);
        var resolved = await store.ResolveAsync(failed.Id, "done by hand", "op", None);
        var missing = await Assert.ThrowsAsync<WorkQueueItemNotFoundException>(() => store.RetryAsync("missing", None));

        Assert.Equal(WorkQueueItemState.New, retried.State);
        Assert.Contains("is New", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(WorkQueueItemState.Done, resolved.State);
        Assert.Equal(("done by hand", "op"), (resolved.Resolution!.Reason, resolved.Resolution.By));
        Assert.Contains("'missing'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryTakeNextAsync_TwentyConcurrentTakers_EveryItemTakenExactlyOnce()
    {
        await using var services = Services();
        var store = Store(services);
        for (var i = 0; i < 200; i++)
        {
            await store.AddAsync(new NewWorkQueueItem("load", $"K-{i:D3}", new JsonObject { ["n"] = i }), None);
        }

        // Twenty threads released together by a barrier for each of ten rounds, each on its own connection, so
        // takes really overlap (a read-then-write without a write lock hands the same item out twice here).
        var taken = new ConcurrentBag<(string Owner, string Id)>();
        using var barrier = new Barrier(20);
        var takers = Enumerable.Range(0, 20).Select(t => new Thread(() =>
        {
            for (var round = 0; round < 10; round++)
            {
                barrier.SignalAndWait();
                if (store.TryTakeNextAsync("load", $"robot-{t}", Lease, None).GetAwaiter().GetResult() is { } item)
                {
                    taken.Add(($"robot-{t}", item.Id));
                }
            }
        })).ToList();
        takers.ForEach(t => t.Start());
        takers.ForEach(t => t.Join());

        Assert.Null(await store.TryTakeNextAsync("load", "late-robot", Lease, None));
        Assert.Equal(200, taken.Count);
        Assert.Equal(200, taken.Select(t => t.Id).Distinct().Count());
        var page = await store.ListAsync("load", WorkQueueItemState.InProgress, 0, 500, None);
        Assert.Equal(200, page.Total);
        Assert.All(page.Items, i => Assert.Equal(1, i.Attempts));
        Assert.All(page.Items, i => Assert.Contains((i.LeaseOwner!, i.Id), taken));
    }

    [Fact]
    public async Task Store_AfterReopen_KeepsItemsStateHistoryAndBusinessKeys()
    {
        string id;
        await using (var services = Services())
        {
            var store = Store(services);
            id = (await store.AddAsync(new NewWorkQueueItem("q", "R-1", new JsonObject { ["ward"] = "A" }, 3, TestData.Now.AddDays(1)), None)).Item.Id;
            await store.AddAsync(new NewWorkQueueItem("q", "R-2"), None);
            await store.TryTakeNextAsync("q", "robot", Lease, None);
            await store.CompleteAsync(id, "robot", WorkItemOutcome.Done, "moved", new JsonObject { ["targetId"] = "T-1" }, None);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var reopened = Services();
        var again = Store(reopened);
        var item = await again.GetAsync(id, None);
        var duplicate = await again.AddAsync(new NewWorkQueueItem("q", "R-1"), None);
        var page = await again.ListAsync("q", WorkQueueItemState.New, 0, 10, None);

        Assert.NotNull(item);
        Assert.Equal((WorkQueueItemState.Done, 3, TestData.Now.AddDays(1)), (item.State, item.Priority, item.Deadline));
        Assert.Equal("A", item.Payload["ward"]!.GetValue<string>());
        Assert.Equal("T-1", item.Result!["targetId"]!.GetValue<string>());
        Assert.Equal(("robot", WorkQueueAttemptOutcome.Done, "moved"), (item.History.Single().Owner, item.History.Single().Outcome, item.History.Single().Message));
        Assert.False(duplicate.Added);
        Assert.Equal("R-2", Assert.Single(page.Items).BusinessKey);
    }

    private ServiceProvider Services(Action<WorkQueueOptions>? configure = null)
    {
        var options = new WorkQueueOptions();
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(options);
        services.AddAutomationEngine().AddAutomationSqlite(_folder.Database);
        return services.BuildServiceProvider();
    }

    private static IWorkQueueStore Store(IServiceProvider services) => services.GetRequiredService<IWorkQueueStore>();
}
