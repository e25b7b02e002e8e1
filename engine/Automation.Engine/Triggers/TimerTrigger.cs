using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Triggers;

/// <summary>
/// Where a workflow started by its <c>timer</c> trigger enters. The scheduler starts the workflow every interval;
/// the node itself only marks the entry on the canvas and continues.
/// </summary>
[Activity("TimerTrigger", "Triggers", "Timer", Description = "Starts the workflow at a fixed interval (see the workflow's timer trigger).", IsStart = true)]
public sealed class TimerTrigger : IActivity
{
    public static readonly Input<string> Interval = new("interval", "Interval", DataType.String) { AllowExpression = false, Editor = InputEditor.Duration, Description = "hh:mm:ss or ISO 8601 such as PT1M." };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Done);
}
