using Automation.Engine.Runtime;

namespace Automation.Engine.Persistence;

/// <summary>
/// Durable state of instances. <see cref="CommitAsync"/> is the activity boundary: when it returns,
/// the instance snapshot, its journal entry and its bookmark changes are durable together, or none of them is.
/// </summary>
public interface IInstanceStore
{
    /// <summary>Writes one activity boundary in one transaction.</summary>
    ValueTask CommitAsync(InstanceCommit commit, CancellationToken cancellationToken);

    ValueTask<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lease if it is free, expired at <paramref name="now"/>, already ours, or held by <paramref name="deadOwner"/>
    /// (an owner the caller knows has died). Returns false if another owner holds it.
    /// </summary>
    ValueTask<bool> TryAcquireLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, string? deadOwner, CancellationToken cancellationToken);

    /// <summary>Ids of instances in status Running whose lease expired before <paramref name="now"/> (or that nobody holds).</summary>
    ValueTask<IReadOnlyList<string>> FindResumableAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Running instances with their lease owners, for crash recovery to check whether an owner is still alive.</summary>
    ValueTask<IReadOnlyList<(string InstanceId, string? LeaseOwner)>> FindRunningAsync(CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<Bookmark>> FindBookmarksAsync(string kind, string? key, CancellationToken cancellationToken);

    ValueTask<Bookmark?> GetBookmarkAsync(string bookmarkId, CancellationToken cancellationToken);

    /// <summary>Timer bookmarks due at or before <paramref name="dueBefore"/>.</summary>
    ValueTask<IReadOnlyList<Bookmark>> FindDueBookmarksAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>One activity boundary: the new instance snapshot and what changed with it.</summary>
public sealed class InstanceCommit
{
    public required WorkflowInstance Instance { get; init; }

    /// <summary>True for the first commit of a new instance (insert rather than update).</summary>
    public bool IsNew { get; init; }

    public JournalEntry? Journal { get; init; }

    public IReadOnlyList<Bookmark> AddedBookmarks { get; init; } = [];

    public IReadOnlyList<string> RemovedBookmarkIds { get; init; } = [];
}
