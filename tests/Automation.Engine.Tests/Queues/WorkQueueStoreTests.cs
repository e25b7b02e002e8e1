using System.Text.Json.Nodes;
using Automation.Engine.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Engine.Tests.Queues;

/// <summary>The queue rules, on the in-memory store with a fake clock.</summary>
public sealed class WorkQueueStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TestEngine _engine = new(s => s.AddSingleton(new WorkQueueOptions { DefaultMaxAttempts = 3, RetryDelay = TimeSpan.FromSeconds(30) }));
    private readonly CancellationToken _ct = CancellationToken.None;

    private IWorkQueueStore Store => _engine.Get<IWorkQueueStore>();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task AddAsync_SameBusinessKeyTwice_ReturnsTheExistingItemAndAddsNothing()
    {
        var first = await Store.AddAsync(new NewWorkQueueItem("referrals", "R-1", new JsonObject { ["cpr"] = "x" }), _ct);

        var second = await Store.AddAsync(new NewWorkQueueItem("referrals", "R-1", new JsonObject { ["other"] = 1 }), _ct);
        var elsewhere = await Store.AddAsync(new NewWorkQueueItem("transports", "R-1"), _ct);

        Assert.True(first.Added);
        Assert.False(second.Added);
        Assert.Equal(first.Item.Id, second.Item.Id);
        Assert.Equal("x", second.Item.Payload["cpr"]!.GetValue<string>());
        Assert.True(elsewhere.Added);
        Assert.Equal(1, (await Store.ListAsync("referrals", null, 0, 10, _ct)).Total);
    }

    [Fact]
    public async Task AddAsync_EmptyBusinessKey_ThrowsNamingTheFix()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(new NewWorkQueueItem("referrals", " "), _ct));

        Assert.Contains("no business key", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.CountsAsync(_ct));
    }

    [Fact]
    public async Task TryTakeNextAsync_MixedPrioritiesAndDeadlines_TakesHighPriorityThenEarliestDeadlineThenOldest()
    {
        var now = _engine.Clock.GetUtcNow();
        await Store.AddAsync(new NewWorkQueueItem("q", "low"), _ct);
        await Store.AddAsync(new NewWorkQueueItem("q", "normal-no-deadline", Priority: 1), _ct);
        await Store.AddAsync(new NewWorkQueueItem("q", "normal-late", Priority: 1, Deadline: now.AddHours(5)), _ct);
        await Store.AddAsync(new NewWorkQueueItem("q", "normal-early", Priority: 1, Deadline: now.AddHours(1)), _ct);
        await Store.AddAsync(new NewWorkQueueItem("q", "urgent", Priority: 9), _ct);

        var order = new List<string>();
        while (await Store.TryTakeNextAsync("q", "robot", Lease, _ct) is { } item)
        {
            order.Add(item.BusinessKey);
        }

        Assert.Equal(["urgent", "normal-early", "normal-late", "normal-no-deadline", "low"], order);
    }

    [Fact]
    public async Task TryTakeNextAsync_LeaseExpired_ItemBecomesInDoubtAndIsHandedOutFlaggedWithItsHistory()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-7"), _ct)).Item;
        await Store.TryTakeNextAsync("q", "robot-1", Lease, _ct);

        _engine.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var seen = await Store.GetAsync(added.Id, _ct);
        var retaken = await Store.TryTakeNextAsync("q", "robot-2", Lease, _ct);

        Assert.Equal(WorkQueueItemState.InDoubt, seen!.State);
        Assert.NotNull(retaken);
        Assert.True(retaken.InDoubt);
        Assert.Equal(WorkQueueItemState.InProgress, retaken.State);
        Assert.Equal(2, retaken.Attempts);
        var previous = retaken.History[0];
        Assert.Equal("robot-1", previous.Owner);
        Assert.Equal(WorkQueueAttemptOutcome.InDoubt, previous.Outcome);
        Assert.Contains("check whether the work was done", previous.Message, StringComparison.Ordinal);
        Assert.True(retaken.History[1].InDoubt);
    }

    [Fact]
    public async Task CompleteAsync_AfterLeaseExpired_IsRefusedSoTheLateRobotCannotOverwrite()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-8"), _ct)).Item;
        await Store.TryTakeNextAsync("q", "robot-1", Lease, _ct);
        _engine.Clock.Advance(Lease);

        var error = await Assert.ThrowsAsync<WorkQueueConflictException>(() => Store.CompleteAsync(added.Id, "robot-1", WorkItemOutcome.Done, null, null, _ct));

        Assert.Contains("InDoubt", error.Message, StringComparison.Ordinal);
        Assert.Equal(WorkQueueItemState.InDoubt, (await Store.GetAsync(added.Id, _ct))!.State);
    }

    [Fact]
    public async Task HeartbeatAsync_BeforeExpiry_KeepsTheItemInProgressPastTheFirstLease()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-2"), _ct)).Item;
        await Store.TryTakeNextAsync("q", "robot-1", Lease, _ct);

        _engine.Clock.Advance(TimeSpan.FromMinutes(4));
        await Store.HeartbeatAsync(added.Id, "robot-1", Lease, _ct);
        _engine.Clock.Advance(TimeSpan.FromMinutes(4));
        var other = await Store.TryTakeNextAsync("q", "robot-2", Lease, _ct);
        var done = await Store.CompleteAsync(added.Id, "robot-1", WorkItemOutcome.Done, "ok", null, _ct);

        Assert.Null(other);
        Assert.Equal(WorkQueueItemState.Done, done.State);
    }

    [Fact]
    public async Task HeartbeatAsync_ByAnotherOwner_IsRefused()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-3"), _ct)).Item;
        await Store.TryTakeNextAsync("q", "robot-1", Lease, _ct);

        var error = await Assert.ThrowsAsync<WorkQueueConflictException>(() => Store.HeartbeatAsync(added.Id, "robot-2", Lease, _ct));

        Assert.Contains("'robot-1' holds it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_AppFailed_RetriesWithGrowingDelayAndStopsAtMaxAttempts()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-4"), _ct)).Item;
        var delays = new List<TimeSpan>();
        var earlyTakes = new List<WorkQueueItem?>();
        WorkQueueItem last = added;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var taken = await Store.TryTakeNextAsync("q", "robot", Lease, _ct);
            Assert.NotNull(taken);
            last = await Store.CompleteAsync(added.Id, "robot", WorkItemOutcome.AppFailed, $"timeout {attempt}", null, _ct);
            if (last.NextAttemptAt is { } next)
            {
                var delay = next - _engine.Clock.GetUtcNow();
                delays.Add(delay);
                _engine.Clock.Advance(delay - TimeSpan.FromSeconds(1));
                earlyTakes.Add(await Store.TryTakeNextAsync("q", "robot", Lease, _ct));
                _engine.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)], delays);
        Assert.All(earlyTakes, Assert.Null);
        Assert.Equal(WorkQueueItemState.AppFailed, last.State);
        Assert.Equal(3, last.Attempts);
        Assert.Null(await Store.TryTakeNextAsync("q", "robot", Lease, _ct));
        Assert.Equal(["timeout 1", "timeout 2", "timeout 3"], last.History.Select(h => h.Message));
        Assert.All(last.History, h => Assert.Equal(WorkQueueAttemptOutcome.AppFailed, h.Outcome));
    }

    [Fact]
    public async Task CompleteAsync_BusinessFailed_IsNeverRetried()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-5"), _ct)).Item;
        await Store.TryTakeNextAsync("q", "robot", Lease, _ct);

        var failed = await Store.CompleteAsync(added.Id, "robot", WorkItemOutcome.BusinessFailed, "patient unknown", null, _ct);
        _engine.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(WorkQueueItemState.BusinessFailed, failed.State);
        Assert.Null(failed.NextAttemptAt);
        Assert.Null(await Store.TryTakeNextAsync("q", "robot", Lease, _ct));
    }

    [Fact]
    public async Task CompleteAsync_MessageWithCprNumber_HistoryKeepsAttemptsWithTheNumberMasked()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-6"), _ct)).Item;
        await Store.TryTakeNextAsync("q", "robot-1", Lease, _ct);
        _engine.Clock.Advance(TimeSpan.FromSeconds(10));
        await Store.CompleteAsync(added.Id, "robot-1", WorkItemOutcome.AppFailed, "patient 0101901234 not found in time", null, _ct);
        _engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.TryTakeNextAsync("q", "robot-2", Lease, _ct);
        var done = await Store.CompleteAsync(added.Id, "robot-2", WorkItemOutcome.Done, "moved", new JsonObject { ["targetId"] = "T-9" }, _ct);

        Assert.Equal(2, done.History.Count);
        var first = done.History[0];
        Assert.Equal(("robot-1", 1, WorkQueueAttemptOutcome.AppFailed), (first.Owner, first.Number, first.Outcome));
        Assert.Equal(TimeSpan.FromSeconds(10), first.EndedAt - first.StartedAt);
        Assert.DoesNotContain("0101901234", first.Message, StringComparison.Ordinal);
        Assert.Equal(("robot-2", WorkQueueAttemptOutcome.Done), (done.History[1].Owner, done.History[1].Outcome));
        Assert.Equal("T-9", done.Result!["targetId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResolveAsync_InDoubtItem_IsDoneWithReasonAndUser()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-9"), _ct)).Item;
        await Store.TryTakeNextAsync("q", "robot", Lease, _ct);
        _engine.Clock.Advance(Lease);

        var resolved = await Store.ResolveAsync(added.Id, "checked target: transferred", "operator1", _ct);
        var again = await Assert.ThrowsAsync<WorkQueueConflictException>(() => Store.ResolveAsync(added.Id, "again", "operator1", _ct));

        Assert.Equal(WorkQueueItemState.Done, resolved.State);
        Assert.Equal(("checked target: transferred", "operator1"), (resolved.Resolution!.Reason, resolved.Resolution.By));
        Assert.Contains("is Done", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAsync_AppFailedItem_IsReadyAgainAndNewItemCannotBeRetried()
    {
        var added = (await Store.AddAsync(new NewWorkQueueItem("q", "R-10"), _ct)).Item;
        await Store.AddAsync(new NewWorkQueueItem("q", "R-11"), _ct);
        await Store.TryTakeNextAsync("q", "robot", Lease, _ct);
        await Store.CompleteAsync(added.Id, "robot", WorkItemOutcome.BusinessFailed, null, null, _ct);
        var fresh = (await Store.ListAsync("q", WorkQueueItemState.New, 0, 10, _ct)).Items.Single();

        var retried = await Store.RetryAsync(added.Id, _ct);
        var refused = await Assert.ThrowsAsync<WorkQueueConflictException>(() => Store.RetryAsync(fresh.Id, _ct));
        var missing = await Assert.ThrowsAsync<WorkQueueItemNotFoundException>(() => Store.RetryAsync("nope", _ct));

        Assert.Equal(WorkQueueItemState.New, retried.State);
        Assert.Contains("only AppFailed, BusinessFailed and InDoubt", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountsAsync_ItemsInSeveralStates_CountsPerQueueAndState()
    {
        await Store.AddAsync(new NewWorkQueueItem("a", "1"), _ct);
        await Store.AddAsync(new NewWorkQueueItem("a", "2"), _ct);
        await Store.AddAsync(new NewWorkQueueItem("b", "1"), _ct);
        await Store.TryTakeNextAsync("a", "robot", Lease, _ct);

        var counts = await Store.CountsAsync(_ct);

        Assert.Equal(["a", "b"], counts.Select(c => c.Queue));
        Assert.Equal(1, counts[0].States[WorkQueueItemState.New]);
        Assert.Equal(1, counts[0].States[WorkQueueItemState.InProgress]);
        Assert.Equal(1, counts[1].States[WorkQueueItemState.New]);
    }
}
