using System.Text.Json.Nodes;
using Automation.Engine.Queues;
using Automation.Engine.RunLog;

namespace Automation.Server.Audit;

/// <summary>
/// Wraps the work-queue store so that each item transition is recorded in the run log after the store changed it:
/// added, taken (and found in doubt first), completed with its outcome, and an operator's retry or resolve with the
/// reason. Correlation: item id, business key (masked by the run log if it is a CPR number) and the instance that
/// holds the item (queue takers use the instance id as lease owner). Payloads never carry the item's payload.
/// </summary>
internal sealed class RunLogWorkQueueStore(IWorkQueueStore inner, IRunLog runLog, IHttpContextAccessor http) : IWorkQueueStore
{
    public async Task<WorkQueueAddResult> AddAsync(NewWorkQueueItem item, CancellationToken cancellationToken)
    {
        var result = await inner.AddAsync(item, cancellationToken);
        if (result.Added)
        {
            await RecordAsync(AuditEventTypes.QueueItemAdded, result.Item, null, "New", new JsonObject { ["priority"] = result.Item.Priority, ["deadline"] = result.Item.Deadline });
        }

        return result;
    }

    public async Task<WorkQueueItem?> TryTakeNextAsync(string queue, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var item = await inner.TryTakeNextAsync(queue, owner, leaseDuration, cancellationToken);
        if (item is null)
        {
            return null;
        }

        if (item.InDoubt)
        {
            // The store turned the expired lease into InDoubt as part of this take; the earlier holder is in the history.
            var earlier = item.History.Count >= 2 ? item.History[^2].Owner : null;
            await RecordAsync(AuditEventTypes.QueueItemInDoubt, item, earlier, "InDoubt", new JsonObject { ["leaseOwner"] = earlier });
        }

        await RecordAsync(AuditEventTypes.QueueItemTaken, item, owner, "InProgress", new JsonObject
        {
            ["attempt"] = item.Attempts,
            ["inDoubt"] = item.InDoubt,
            ["leaseExpiresAt"] = item.LeaseExpiresAt,
        });
        return item;
    }

    public Task<WorkQueueItem> HeartbeatAsync(string itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        inner.HeartbeatAsync(itemId, owner, leaseDuration, cancellationToken);

    public async Task<WorkQueueItem> CompleteAsync(string itemId, string owner, WorkItemOutcome outcome, string? message, JsonNode? result, CancellationToken cancellationToken)
    {
        var item = await inner.CompleteAsync(itemId, owner, outcome, message, result, cancellationToken);
        await RecordAsync(AuditEventTypes.QueueItemCompleted, item, owner, outcome.ToString(), new JsonObject
        {
            ["attempt"] = item.Attempts,
            ["state"] = item.State.ToString(),
            ["nextAttemptAt"] = item.NextAttemptAt,
            ["message"] = message,
        });
        return item;
    }

    public async Task<WorkQueueItem> RetryAsync(string itemId, CancellationToken cancellationToken)
    {
        var before = await inner.GetAsync(itemId, cancellationToken);
        var item = await inner.RetryAsync(itemId, cancellationToken);
        await RecordAsync(AuditEventTypes.QueueItemRetried, item, null, "New", new JsonObject { ["previousState"] = before?.State.ToString() });
        return item;
    }

    public async Task<WorkQueueItem> ResolveAsync(string itemId, string reason, string user, CancellationToken cancellationToken)
    {
        var before = await inner.GetAsync(itemId, cancellationToken);
        var item = await inner.ResolveAsync(itemId, reason, user, cancellationToken);
        await RecordAsync(AuditEventTypes.QueueItemResolved, item, null, "Done", new JsonObject
        {
            ["previousState"] = before?.State.ToString(),
            ["reason"] = reason,
            ["by"] = user,
        });
        return item;
    }

    public Task<WorkQueuePage> ListAsync(string queue, WorkQueueItemState? state, int skip, int take, CancellationToken cancellationToken) =>
        inner.ListAsync(queue, state, skip, take, cancellationToken);

    public Task<IReadOnlyList<WorkQueueCounts>> CountsAsync(CancellationToken cancellationToken) => inner.CountsAsync(cancellationToken);

    public Task<WorkQueueItem?> GetAsync(string itemId, CancellationToken cancellationToken) => inner.GetAsync(itemId, cancellationToken);

    private async Task RecordAsync(string type, WorkQueueItem item, string? instanceId, string outcome, JsonObject payload)
    {
        payload["queue"] = item.Queue;
        await runLog.AppendAsync(new RunLogEvent
        {
            Type = type,
            Actor = RunLogActors.Current(http),
            Correlation = new RunLogCorrelation { QueueItemId = item.Id, BusinessKey = item.BusinessKey, InstanceId = instanceId, Target = item.Queue },
            Outcome = outcome,
            Payload = payload,
        }, CancellationToken.None);
    }
}
