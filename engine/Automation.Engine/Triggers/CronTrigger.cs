using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Triggers;

/// <summary>
/// Where a workflow started by its <c>cron</c> trigger enters. The scheduler starts the workflow at every slot of the
/// cron expression; the node itself only marks the entry on the canvas and continues.
/// </summary>
[Activity("CronTrigger", "Triggers", "Cron", Description = "Starts the workflow on a cron schedule (see the workflow's cron trigger).", IsStart = true)]
public sealed class CronTrigger : IActivity
{
    public static readonly Input<string> Cron = new("cron", "Cron expression", DataType.String) { AllowExpression = false, Description = "5 fields (minute first) or 6 fields (second first)." };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Done);
}
