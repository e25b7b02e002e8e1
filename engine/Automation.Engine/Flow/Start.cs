using Automation.Engine.Activities;

namespace Automation.Engine.Flow;

/// <summary>Where the flow begins.</summary>
[Activity("Start", "Flow", "Start", Description = "Where the workflow begins.", IsStart = true)]
public sealed class Start : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Done);
}
