using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Queues;

/// <summary>
/// Takes the next item of a work queue for this instance and continues through <c>Item</c>, or through <c>Empty</c>
/// when nothing is ready. An item marked <c>inDoubt</c> was taken before by a robot whose lease ran out: the flow
/// must look in the target system to see whether that work was done, not simply do it again.
/// </summary>
[Activity("GetNextItem", "Queues", "Get next queue item", Description = "Takes the next ready item of a queue under a lease; Item or Empty.", Outcomes = [ItemPort, EmptyPort])]
public sealed class GetNextItem(IWorkQueueStore queues, IEnumerable<IWorkQueueItemObserver> observers) : IActivity
{
    public const string ItemPort = "Item";
    public const string EmptyPort = "Empty";

    public static readonly Input<string> Queue = new("queue", "Queue", DataType.String) { Required = true };

    public static readonly Input<string> LeaseDuration = new("leaseDuration", "Lease", DataType.String)
    {
        Default = "00:05:00",
        Editor = InputEditor.Duration,
        Description = "How long the item stays this instance's without a result; after that it becomes InDoubt.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store item in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = "Receives {id, businessKey, payload, attempt, inDoubt, history}.",
    };

    private readonly IWorkQueueItemObserver[] _observers = [.. observers];

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var queue = context.Get(Queue) ?? "";
        var leaseText = context.Get(LeaseDuration) ?? "";
        if (!JsonValueConverter.TryDuration(leaseText.Trim(), out var lease) || lease <= TimeSpan.Zero)
        {
            throw new WorkflowFaultException(
                $"Input 'leaseDuration' of GetNextItem '{context.ActivityId}' is '{leaseText}', which is not a positive duration; use hh:mm:ss (00:05:00), ISO 8601 (PT5M) or milliseconds.");
        }

        WorkQueueItem? item;
        try
        {
            item = await queues.TryTakeNextAsync(queue, context.InstanceId, lease, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new WorkflowFaultException($"GetNextItem '{context.ActivityId}': {ex.Message}", ex);
        }

        if (item is null)
        {
            return ActivityResult.Outcome(EmptyPort);
        }

        context.RecordOutput("itemId", item.Id);
        context.RecordOutput("inDoubt", item.InDoubt);
        if (item.InDoubt)
        {
            context.Log($"Item {item.Id} ({item.BusinessKey}) is in doubt: an earlier attempt may have done the work; check before doing it again.");
        }

        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, ToJson(item));
        }

        if (_observers.Length > 0)
        {
            var taken = new WorkQueueItemEvent(context.InstanceId, item.Queue, item.Id, item.BusinessKey);
            await WorkQueueItemObservers.NotifyAsync(context, _observers, taken, o => o.ItemTakenAsync(taken, cancellationToken), cancellationToken);
        }

        return ActivityResult.Outcome(ItemPort);
    }

    /// <summary>What the flow sees of a taken item; history holds the earlier attempts, not the one just started.</summary>
    public static JsonObject ToJson(WorkQueueItem item) => new()
    {
        ["id"] = item.Id,
        ["businessKey"] = item.BusinessKey,
        ["payload"] = item.Payload.DeepClone(),
        ["attempt"] = item.Attempts,
        ["inDoubt"] = item.InDoubt,
        ["history"] = JsonSerializer.SerializeToNode(item.History.Take(Math.Max(item.History.Count - 1, 0)).ToList(), WorkQueueJson.Options),
    };
}
