using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Data.Sqlite;

namespace Automation.Data.Tests.Instances;

public sealed class SqliteInstanceStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task CommitAsync_ThenReopen_ReturnsInstanceJournalAndBookmark()
    {
        using var folder = new TempFolder();
        var instance = TestData.Instance("i1", InstanceStatus.Suspended, owner: null);
        instance.CorrelationId = "referral-7";
        var bookmark = TestData.Bookmark("i1", BookmarkKinds.Signal, "go");
        instance.State.Bookmarks.Add(bookmark);
        await using (var database = await Open(folder))
        {
            await database.Instances.CommitAsync(new InstanceCommit { Instance = instance, IsNew = true, Journal = TestData.Journal("i1", 1), AddedBookmarks = [bookmark] }, None);
        }

        await using var reopened = await Open(folder);
        var stored = await reopened.Instances.GetInstanceAsync("i1", None);
        var journal = await reopened.Instances.GetJournalAsync("i1", None);
        var bookmarks = await reopened.Instances.FindBookmarksAsync(BookmarkKinds.Signal, "go", None);

        Assert.NotNull(stored);
        Assert.Equal(InstanceStatus.Suspended, stored.Status);
        Assert.Equal("referral-7", stored.CorrelationId);
        Assert.Equal(TestData.Now, stored.CreatedAt);
        Assert.Equal(1, stored.State.Variables["count"]!.GetValue<int>());
        Assert.Equal(bookmark.Id, Assert.Single(stored.State.Bookmarks).Id);
        var entry = Assert.Single(journal);
        Assert.Equal(("step", "Done", "hello"), (entry.ActivityId, entry.Outcome, entry.Inputs!["message"]!.GetValue<string>()));
        Assert.Equal(["hello"], entry.Log);
        var found = Assert.Single(bookmarks);
        Assert.Equal((bookmark.Id, "approve"), (found.Id, found.Payload!["form"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CommitAsync_RemovedBookmark_IsGoneAfterReopen()
    {
        using var folder = new TempFolder();
        var bookmark = TestData.Bookmark("i1", BookmarkKinds.Signal, "go");
        await using (var database = await Open(folder))
        {
            await database.Instances.CommitAsync(TestData.New(TestData.Instance("i1"), bookmark), None);
            await database.Instances.CommitAsync(new InstanceCommit { Instance = TestData.Instance("i1"), RemovedBookmarkIds = [bookmark.Id] }, None);
        }

        await using var reopened = await Open(folder);

        Assert.Null(await reopened.Instances.GetBookmarkAsync(bookmark.Id, None));
    }

    [Fact]
    public async Task CommitAsync_JournalSequenceAlreadyStored_FailsAndLeavesInstanceUnchanged()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        await database.Instances.CommitAsync(new InstanceCommit { Instance = TestData.Instance("i1"), IsNew = true, Journal = TestData.Journal("i1", 1) }, None);
        var changed = TestData.Instance("i1", InstanceStatus.Finished, owner: null);
        var bookmark = TestData.Bookmark("i1", BookmarkKinds.Signal, "never");

        await Assert.ThrowsAsync<SqliteException>(async () =>
            await database.Instances.CommitAsync(new InstanceCommit { Instance = changed, Journal = TestData.Journal("i1", 1, "other"), AddedBookmarks = [bookmark] }, None));

        var stored = await database.Instances.GetInstanceAsync("i1", None);
        Assert.Equal(InstanceStatus.Running, stored!.Status);
        Assert.Equal("step", Assert.Single(await database.Instances.GetJournalAsync("i1", None)).ActivityId);
        Assert.Null(await database.Instances.GetBookmarkAsync(bookmark.Id, None));
    }

    [Fact]
    public async Task CommitAsync_NewInstanceWithTakenId_ThrowsNamingTheInstance()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("twice")), None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await database.Instances.CommitAsync(TestData.New(TestData.Instance("twice")), None));

        Assert.Contains("'twice' already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_FiftyConcurrentTasks_AllDurableAfterReopen()
    {
        using var folder = new TempFolder();
        await using (var database = await Open(folder))
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(n => Task.Run(async () =>
            {
                var instance = TestData.Instance($"c{n}");
                await database.Instances.CommitAsync(new InstanceCommit { Instance = instance, IsNew = true, Journal = TestData.Journal(instance.Id, 1) }, None);
                for (var step = 2; step <= 4; step++)
                {
                    await database.Instances.CommitAsync(new InstanceCommit { Instance = instance, Journal = TestData.Journal(instance.Id, step) }, None);
                }
            })));
        }

        Assert.Equal(50, TestData.Count(folder.Database, "Instances"));
        Assert.Equal(200, TestData.Count(folder.Database, "Journal"));
    }

    [Fact]
    public async Task CommitAsync_OneBadCommitAmongConcurrentOnes_OnlyThatOneFails()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        await database.Instances.CommitAsync(new InstanceCommit { Instance = TestData.Instance("bad"), IsNew = true, Journal = TestData.Journal("bad", 1) }, None);

        var good = Enumerable.Range(0, 20).Select(n => database.Instances.CommitAsync(TestData.New(TestData.Instance($"g{n}")), None).AsTask()).ToList();
        var bad = database.Instances.CommitAsync(new InstanceCommit { Instance = TestData.Instance("bad"), Journal = TestData.Journal("bad", 1) }, None).AsTask();
        good.AddRange(Enumerable.Range(20, 20).Select(n => database.Instances.CommitAsync(TestData.New(TestData.Instance($"g{n}")), None).AsTask()));

        await Assert.ThrowsAsync<SqliteException>(() => bad);
        await Task.WhenAll(good);
        Assert.Equal(41, TestData.Count(folder.Database, "Instances"));
    }

    [Fact]
    public async Task DisposeAsync_CommitsStillQueued_AreWrittenBeforeClosing()
    {
        using var folder = new TempFolder();
        var database = await Open(folder);
        var pending = Enumerable.Range(0, 200).Select(n => database.Instances.CommitAsync(TestData.New(TestData.Instance($"p{n}")), None).AsTask()).ToList();

        await database.DisposeAsync();

        Assert.All(pending, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.False(File.Exists(folder.Database + "-wal"), "Closing the last connection checkpoints and removes the WAL file; it is still there, so a connection stayed open.");
        Assert.Equal(200, TestData.Count(folder.Database, "Instances"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await database.Instances.CommitAsync(TestData.New(TestData.Instance("late")), None));
    }

    [Fact]
    public async Task Dispose_Synchronous_WritesQueuedCommitsAndClosesFile()
    {
        using var folder = new TempFolder();
        var database = await Open(folder);
        await database.Instances.GetInstanceAsync("warm-up-a-reader-connection", None);
        var pending = Enumerable.Range(0, 50).Select(n => database.Instances.CommitAsync(TestData.New(TestData.Instance($"p{n}")), None).AsTask()).ToList();

        database.Dispose();

        Assert.All(pending, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.False(File.Exists(folder.Database + "-wal"));
        Assert.Equal(50, TestData.Count(folder.Database, "Instances"));
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_HeldByAnotherOwner_RefusedWhileValidGrantedAfterExpiry()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        var expires = TestData.Now.AddMinutes(2);
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("i1", owner: "host:1:a", leaseExpiresAt: expires)), None);

        var whileValid = await database.Instances.TryAcquireLeaseAsync("i1", "host:2:b", TestData.Now.AddMinutes(1), TestData.Now.AddMinutes(3), null, None);
        var ownRenewal = await database.Instances.TryAcquireLeaseAsync("i1", "host:1:a", TestData.Now.AddMinutes(1), TestData.Now.AddMinutes(3), null, None);
        var afterExpiry = await database.Instances.TryAcquireLeaseAsync("i1", "host:2:b", TestData.Now.AddMinutes(4), TestData.Now.AddMinutes(6), null, None);

        Assert.False(whileValid);
        Assert.True(ownRenewal);
        Assert.True(afterExpiry);
        var stored = await database.Instances.GetInstanceAsync("i1", None);
        Assert.Equal(("host:2:b", TestData.Now.AddMinutes(6)), (stored!.LeaseOwner, stored.LeaseExpiresAt));
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_DeadOwnerNamed_GrantedBeforeExpiry()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("i1", owner: "host:1:a")), None);

        var otherNamed = await database.Instances.TryAcquireLeaseAsync("i1", "host:2:b", TestData.Now, TestData.Now.AddMinutes(2), "host:9:z", None);
        var ownerNamed = await database.Instances.TryAcquireLeaseAsync("i1", "host:2:b", TestData.Now, TestData.Now.AddMinutes(2), "host:1:a", None);

        Assert.False(otherNamed);
        Assert.True(ownerNamed);
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_TwoDatabasesOnOneFileRace_ExactlyOneWins()
    {
        using var folder = new TempFolder();
        await using var first = await Open(folder);
        await using var second = await Open(folder);
        await first.Instances.CommitAsync(TestData.New(TestData.Instance("i1", leaseExpiresAt: TestData.Now)), None);
        var later = TestData.Now.AddMinutes(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(n => Task.Run(async () =>
            await (n % 2 == 0 ? first : second).Instances.TryAcquireLeaseAsync("i1", $"host:{n}:x", later, later.AddMinutes(2), null, None))));

        Assert.Single(results, granted => granted);
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_UnknownInstance_ReturnsFalse()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);

        Assert.False(await database.Instances.TryAcquireLeaseAsync("missing", "host:1:a", TestData.Now, TestData.Now.AddMinutes(2), null, None));
    }

    [Fact]
    public async Task FindResumableAsync_MixedInstances_ReturnsRunningWithExpiredOrNoLease()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        var now = TestData.Now.AddMinutes(5);
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("expired", leaseExpiresAt: now.AddSeconds(-1))), None);
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("free", owner: null)), None);
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("held", leaseExpiresAt: now.AddSeconds(1))), None);
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("done", InstanceStatus.Finished, owner: null)), None);

        var resumable = await database.Instances.FindResumableAsync(now, None);
        var running = await database.Instances.FindRunningAsync(None);

        Assert.Equal(["expired", "free"], resumable.Order(StringComparer.Ordinal));
        Assert.Equal(["expired", "free", "held"], running.Select(r => r.InstanceId).Order(StringComparer.Ordinal));
        Assert.Contains(("held", (string?)"host:1:a"), running);
    }

    [Fact]
    public async Task FindDueBookmarksAsync_TimersAndSignals_ReturnsDueTimersInDueOrder()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        var late = TestData.Bookmark("i1", BookmarkKinds.Delay, dueAt: TestData.Now.AddMinutes(10));
        var early = TestData.Bookmark("i1", BookmarkKinds.Delay, dueAt: TestData.Now.AddMinutes(1));
        var notYet = TestData.Bookmark("i1", BookmarkKinds.Delay, dueAt: TestData.Now.AddHours(1));
        var signal = TestData.Bookmark("i1", BookmarkKinds.Signal, "go");
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("i1", InstanceStatus.Suspended, owner: null), late, early, notYet, signal), None);

        var due = await database.Instances.FindDueBookmarksAsync(TestData.Now.AddMinutes(10), None);

        Assert.Equal([early.Id, late.Id], due.Select(b => b.Id));
        Assert.Equal(TestData.Now.AddMinutes(1), due[0].DueAt);
    }

    [Fact]
    public async Task FindBookmarksAsync_ByKindAndKey_ReturnsMatchesInCreationOrder()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        var second = TestData.Bookmark("i1", BookmarkKinds.Signal, "go", createdAt: TestData.Now.AddSeconds(2));
        var first = TestData.Bookmark("i2", BookmarkKinds.Signal, "go", createdAt: TestData.Now.AddSeconds(1));
        var other = TestData.Bookmark("i3", BookmarkKinds.Signal, "stop");
        var task = TestData.Bookmark("i4", BookmarkKinds.HumanTask, "go");
        await database.Instances.CommitAsync(TestData.New(TestData.Instance("i1"), second, first, other, task), None);

        var go = await database.Instances.FindBookmarksAsync(BookmarkKinds.Signal, "go", None);
        var anySignal = await database.Instances.FindBookmarksAsync(BookmarkKinds.Signal, null, None);

        Assert.Equal([first.Id, second.Id], go.Select(b => b.Id));
        Assert.Equal(3, anySignal.Count);
    }

    private static Task<AutomationDatabase> Open(TempFolder folder) => AutomationDatabase.OpenAsync(folder.Database, null, None);
}
