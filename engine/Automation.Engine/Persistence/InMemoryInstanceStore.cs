using System.Collections.Concurrent;
using Automation.Engine.Runtime;

namespace Automation.Engine.Persistence;

/// <summary>
/// Keeps instances in memory: for tests, benchmarks and one-off runs where losing state on exit is fine.
/// Instances are kept by reference: the runtime owns an instance object while it holds its lease.
/// </summary>
public sealed class InMemoryInstanceStore : IInstanceStore, IInstanceQueries
{
    private readonly ConcurrentDictionary<string, WorkflowInstance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bookmark> _bookmarks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<JournalEntry>> _journal = new(StringComparer.Ordinal);
    private readonly Lock _leaseLock = new();

    /// <summary>Whether journal entries are kept. <value>true</value></summary>
    public bool KeepJournal { get; init; } = true;

    public int Count => _instances.Count;

    public ValueTask CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        var instance = commit.Instance;
        _instances[instance.Id] = instance;
        foreach (var id in commit.RemovedBookmarkIds)
        {
            _bookmarks.TryRemove(id, out _);
        }

        foreach (var bookmark in commit.AddedBookmarks)
        {
            _bookmarks[bookmark.Id] = bookmark;
        }

        if (KeepJournal && commit.Journal is { } entry)
        {
            var list = _journal.GetOrAdd(instance.Id, static _ => []);
            lock (list)
            {
                list.Add(entry);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_instances.GetValueOrDefault(instanceId));

    public ValueTask<bool> TryAcquireLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, string? deadOwner, CancellationToken cancellationToken)
    {
        lock (_leaseLock)
        {
            if (!_instances.TryGetValue(instanceId, out var instance))
            {
                return ValueTask.FromResult(false);
            }

            var free = instance.LeaseOwner is null || instance.LeaseOwner == owner || instance.LeaseExpiresAt <= now
                || (deadOwner is not null && instance.LeaseOwner == deadOwner);
            if (free)
            {
                instance.LeaseOwner = owner;
                instance.LeaseExpiresAt = until;
            }

            return ValueTask.FromResult(free);
        }
    }

    public ValueTask<IReadOnlyList<string>> FindResumableAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(_instances.Values
            .Where(i => i.Status == InstanceStatus.Running && (i.LeaseOwner is null || i.LeaseExpiresAt <= now))
            .Select(i => i.Id)
            .ToList());

    public ValueTask<IReadOnlyList<(string InstanceId, string? LeaseOwner)>> FindRunningAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<(string, string?)>>(_instances.Values
            .Where(i => i.Status == InstanceStatus.Running)
            .Select(i => (i.Id, i.LeaseOwner))
            .ToList());

    public ValueTask<IReadOnlyList<Bookmark>> FindBookmarksAsync(string kind, string? key, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Bookmark>>(_bookmarks.Values
            .Where(b => b.Kind == kind && (key is null || b.Key == key))
            .OrderBy(b => b.CreatedAt)
            .ToList());

    public ValueTask<Bookmark?> GetBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_bookmarks.GetValueOrDefault(bookmarkId));

    public ValueTask<IReadOnlyList<Bookmark>> FindDueBookmarksAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Bookmark>>(_bookmarks.Values
            .Where(b => b.DueAt is { } due && due <= dueBefore)
            .OrderBy(b => b.DueAt)
            .ToList());

    public ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (!_journal.TryGetValue(instanceId, out var list))
        {
            return ValueTask.FromResult<IReadOnlyList<JournalEntry>>([]);
        }

        lock (list)
        {
            return ValueTask.FromResult<IReadOnlyList<JournalEntry>>(list.ToList());
        }
    }

    public ValueTask<Page<InstanceSummary>> ListAsync(InstanceFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var matches = _instances.Values
            .Where(i => (filter.DefinitionId is null || i.DefinitionId == filter.DefinitionId)
                && (filter.Status is null || i.Status == filter.Status)
                && (filter.CorrelationId is null || i.CorrelationId == filter.CorrelationId)
                && (filter.CreatedFrom is null || i.CreatedAt >= filter.CreatedFrom)
                && (filter.CreatedTo is null || i.CreatedAt < filter.CreatedTo))
            .OrderByDescending(i => i.CreatedAt)
            .ThenByDescending(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var page = matches.Skip(skip).Take(take).Select(InstanceSummary.Of).ToList();
        return ValueTask.FromResult(new Page<InstanceSummary>(page, matches.Count, skip, take));
    }
}
