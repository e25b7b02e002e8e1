using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Queues;

/// <summary>
/// Adds an item to a work queue. Adding a business key the queue already has returns that item with
/// <c>added</c> false, so a flow that runs again (after a crash, or a re-run of the same input) adds nothing twice.
/// </summary>
[Activity("AddQueueItem", "Queues", "Add queue item", Description = "Adds a unit of work to a named queue; a business key already in the queue is not added again.")]
public sealed class AddQueueItem(IWorkQueueStore queues) : IActivity
{
    public static readonly Input<string> Queue = new("queue", "Queue", DataType.String) { Required = true, Description = "The queue's name, for example referrals." };

    public static readonly Input<string> BusinessKey = new("businessKey", "Business key", DataType.String)
    {
        Required = true,
        Description = "Unique within the queue, for example the referral number.",
    };

    public static readonly Input<JsonObject> Payload = new("payload", "Payload", DataType.Object) { Editor = InputEditor.Json, Description = "What the robot needs to do the work." };

    public static readonly Input<int> Priority = new("priority", "Priority", DataType.Integer) { Description = "Higher is taken first; 0 when empty." };

    public static readonly Input<DateTimeOffset?> Deadline = new("deadline", "Deadline", DataType.DateTime) { Description = "Within a priority, earlier deadlines are taken first." };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store result in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = "Receives {id, added}; added is false when the business key was already in the queue.",
    };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var queue = context.Get(Queue) ?? "";
        var key = context.Get(BusinessKey) ?? "";
        WorkQueueAddResult result;
        try
        {
            result = await queues.AddAsync(new NewWorkQueueItem(queue, key, context.Get(Payload), context.Get(Priority), context.Get(Deadline)), cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new WorkflowFaultException($"AddQueueItem '{context.ActivityId}': {ex.Message}", ex);
        }

        context.RecordOutput("itemId", result.Item.Id);
        context.RecordOutput("added", result.Added);
        if (!result.Added)
        {
            context.Log($"Queue '{queue}' already has business key '{key}' (item {result.Item.Id}, {result.Item.State}); not added again.");
        }

        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, new JsonObject { ["id"] = result.Item.Id, ["added"] = result.Added });
        }

        return ActivityResult.Done;
    }
}
