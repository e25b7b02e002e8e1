using Automation.Engine.Activities;

namespace Automation.Engine.Flow;

/// <summary>Finishes the whole workflow, even if other branches are still waiting.</summary>
[Activity("End", "Flow", "End", Description = "Finishes the workflow at once; other branches are abandoned.", Outcomes = [])]
public sealed class End : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.End);
}
