namespace Automation.Engine.Queues;

/// <summary>No item has that id.</summary>
public sealed class WorkQueueItemNotFoundException(string itemId)
    : Exception($"There is no work queue item '{itemId}'; check the id (GET /api/queues lists the queues).")
{
    public string ItemId { get; } = itemId;
}

/// <summary>The request does not fit the item's state (for example completing an item whose lease another robot holds).</summary>
public sealed class WorkQueueConflictException(string message) : Exception(message);
