using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Queues;

/// <summary>
/// Reports how this instance's attempt at a queue item ended: Done, BusinessFailed (the data is wrong; never retried)
/// or AppFailed (the application failed; retried later until the queue's maximum attempts).
/// </summary>
[Activity("SetItemResult", "Queues", "Set queue item result", Description = "Ends the attempt at a queue item taken by GetNextItem.")]
public sealed class SetItemResult(IWorkQueueStore queues, IEnumerable<IWorkQueueItemObserver> observers) : IActivity
{
    public static readonly Input<string> ItemId = new("itemId", "Item id", DataType.String) { Required = true };

    public static readonly Input<string> Outcome = new("outcome", "Outcome", DataType.String)
    {
        Required = true,
        Default = nameof(WorkItemOutcome.Done),
        Editor = InputEditor.Dropdown,
        Options = [nameof(WorkItemOutcome.Done), nameof(WorkItemOutcome.BusinessFailed), nameof(WorkItemOutcome.AppFailed)],
    };

    public static readonly Input<string> Message = new("message", "Message", DataType.String) { Description = "What happened, for the operator; personal numbers are masked." };

    public static readonly Input<JsonNode> Result = new("result", "Result", DataType.Any) { Editor = InputEditor.Json, Description = "Data to keep with the item, such as the target system's id." };

    private readonly IWorkQueueItemObserver[] _observers = [.. observers];

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var itemId = context.Get(ItemId);
        if (string.IsNullOrWhiteSpace(itemId))
        {
            throw new WorkflowFaultException($"SetItemResult '{context.ActivityId}' has no item id; pass the id GetNextItem stored, for example {{\"js\": \"item.id\"}}.");
        }

        var outcomeText = context.Get(Outcome);
        if (!Enum.TryParse<WorkItemOutcome>(outcomeText, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome))
        {
            throw new WorkflowFaultException($"Input 'outcome' of SetItemResult '{context.ActivityId}' is '{outcomeText}'; use Done, BusinessFailed or AppFailed.");
        }

        if (_observers.Length > 0 && await queues.GetAsync(itemId, cancellationToken) is { } held)
        {
            // Before the result is stored, so evidence shows the screen the result was decided on.
            var ending = new WorkQueueItemEvent(context.InstanceId, held.Queue, held.Id, held.BusinessKey);
            await WorkQueueItemObservers.NotifyAsync(context, _observers, ending, o => o.ItemEndingAsync(ending, outcome, cancellationToken), cancellationToken);
        }

        WorkQueueItem item;
        try
        {
            item = await queues.CompleteAsync(itemId, context.InstanceId, outcome, context.Get(Message), context.Get(Result), cancellationToken);
        }
        catch (Exception ex) when (ex is WorkQueueItemNotFoundException or WorkQueueConflictException)
        {
            throw new WorkflowFaultException($"SetItemResult '{context.ActivityId}': {ex.Message}", ex);
        }

        context.RecordOutput("state", item.State.ToString());
        if (item.NextAttemptAt is { } next)
        {
            context.RecordOutput("nextAttemptAt", JsonValue.Create(next));
        }

        return ActivityResult.Done;
    }
}
