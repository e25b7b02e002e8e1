using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Composition;

/// <summary>
/// Runs a published workflow as a child instance with its own variables. When the child finishes, its output is
/// stored in a variable and the flow continues; when it suspends, this activity waits on it; when it faults, so does this one.
/// </summary>
[Activity("RunWorkflow", "Composition", "Run workflow", Description = "Runs another published workflow and waits for its output.")]
public sealed class RunWorkflow : IActivity, IResumable
{
    public static readonly Input<string> WorkflowId = new("workflowId", "Workflow", DataType.String)
    {
        Required = true,
        AllowExpression = false,
        Description = "Id of the published workflow to run.",
    };

    public static readonly Input<int?> Version = new("version", "Version", DataType.Integer)
    {
        AllowExpression = false,
        Editor = InputEditor.Number,
        Description = "A published version; empty means the latest.",
    };

    public static readonly Input<JsonObject> ChildInput = new("input", "Input", DataType.Object)
    {
        Editor = InputEditor.Json,
        Description = "Values for the child workflow's inputs.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store output in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
    };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var workflowId = context.Get(WorkflowId);
        if (string.IsNullOrWhiteSpace(workflowId))
        {
            throw new WorkflowFaultException($"RunWorkflow '{context.ActivityId}' has no workflowId; choose the workflow to run.");
        }

        // A copy: the input may be a literal of the definition, which the child must not share.
        var input = (JsonObject?)context.Get(ChildInput)?.DeepClone() ?? [];
        RunResult child;
        try
        {
            child = await context.RunChildAsync(workflowId, context.Get(Version), input, cancellationToken);
        }
        catch (WorkflowInputException ex)
        {
            throw new WorkflowFaultException($"RunWorkflow '{context.ActivityId}' cannot start '{workflowId}': {ex.Message} Fix input 'input'.", ex);
        }

        context.RecordOutput("childInstanceId", child.InstanceId);
        if (child.Status == InstanceStatus.Suspended)
        {
            var waiting = new JsonObject { ["workflowId"] = workflowId, ["childInstanceId"] = child.InstanceId };
            return ActivityResult.Suspend(new BookmarkRequest(BookmarkKinds.SubWorkflow, Key: child.InstanceId, Payload: waiting));
        }

        return Complete(context, workflowId, child.InstanceId, child.Status, child.Output, child.Incident?.Message);
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Bookmark bookmark, JsonNode? payload, CancellationToken cancellationToken)
    {
        var workflowId = JsonValueConverter.AsText(bookmark.Payload?["workflowId"]);
        var childId = bookmark.Key ?? "";
        var statusText = JsonValueConverter.AsText(payload?["status"]);
        var status = Enum.TryParse<InstanceStatus>(statusText, ignoreCase: false, out var parsed) ? parsed : InstanceStatus.Faulted;
        var incident = payload?["incident"] is { } message ? JsonValueConverter.AsText(message) : null;
        return ValueTask.FromResult(Complete(context, workflowId, childId, status, payload?["output"] as JsonObject ?? [], incident));
    }

    private static ActivityResult Complete(ActivityContext context, string workflowId, string childId, InstanceStatus status, JsonObject output, string? incident)
    {
        switch (status)
        {
            case InstanceStatus.Finished:
                var variable = context.Get(ResultVariable);
                if (!string.IsNullOrEmpty(variable))
                {
                    context.SetVariable(variable, output);
                }
                else
                {
                    context.RecordOutput("output", output);
                }

                return ActivityResult.Done;
            case InstanceStatus.Faulted:
                throw new WorkflowFaultException(
                    $"Sub-workflow '{workflowId}' (instance {childId}) called by '{context.ActivityId}' faulted: {incident ?? "no incident recorded"}. Fix the cause, then retry this instance (it runs '{workflowId}' again).");
            default:
                throw new WorkflowFaultException(
                    $"Sub-workflow '{workflowId}' (instance {childId}) called by '{context.ActivityId}' ended as {status} without output; start it again or remove the call.");
        }
    }
}
