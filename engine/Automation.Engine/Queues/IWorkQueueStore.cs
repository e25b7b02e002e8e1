using System.Text.Json.Nodes;

namespace Automation.Engine.Queues;

/// <summary>
/// Named queues of work items that robots take one at a time under a lease. Implementations must make
/// <see cref="TryTakeNextAsync"/> atomic: two takers never get the same item. Unknown ids throw
/// <see cref="WorkQueueItemNotFoundException"/>; a request that does not fit the item's state throws
/// <see cref="WorkQueueConflictException"/>; both change nothing.
/// </summary>
public interface IWorkQueueStore
{
    /// <summary>Adds an item, or returns the existing one with the same business key in that queue (<c>Added</c> false).</summary>
    Task<WorkQueueAddResult> AddAsync(NewWorkQueueItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the next item (highest priority, then earliest deadline, then oldest) for <paramref name="owner"/> until
    /// <paramref name="leaseDuration"/> from now, or returns null when none is ready. In-progress items whose lease ran
    /// out become <see cref="WorkQueueItemState.InDoubt"/> first, and are handed out again with <see cref="WorkQueueItem.InDoubt"/> set.
    /// </summary>
    Task<WorkQueueItem?> TryTakeNextAsync(string queue, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Extends the owner's lease to <paramref name="leaseDuration"/> from now.</summary>
    Task<WorkQueueItem> HeartbeatAsync(string itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the owner's attempt. Application errors go back to New after a growing delay until the queue's maximum
    /// attempts, then stay AppFailed; business errors are final.
    /// </summary>
    Task<WorkQueueItem> CompleteAsync(string itemId, string owner, WorkItemOutcome outcome, string? message, JsonNode? result, CancellationToken cancellationToken);

    /// <summary>Operator: puts a failed or in-doubt item back to New, ready now.</summary>
    Task<WorkQueueItem> RetryAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Operator: marks a failed or in-doubt item Done, recording why and who decided.</summary>
    Task<WorkQueueItem> ResolveAsync(string itemId, string reason, string user, CancellationToken cancellationToken);

    /// <summary>A queue's items, optionally only one state, oldest first.</summary>
    Task<WorkQueuePage> ListAsync(string queue, WorkQueueItemState? state, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Per queue, how many items are in each state.</summary>
    Task<IReadOnlyList<WorkQueueCounts>> CountsAsync(CancellationToken cancellationToken);

    /// <summary>One item, or null.</summary>
    Task<WorkQueueItem?> GetAsync(string itemId, CancellationToken cancellationToken);
}
