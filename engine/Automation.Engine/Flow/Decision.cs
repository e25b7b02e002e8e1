using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Flow;

/// <summary>Continues through True or False.</summary>
[Activity("Decision", "Flow", "Decision", Description = "Continues through True or False depending on a condition.", Outcomes = [Ports.True, Ports.False])]
public sealed class Decision : IActivity
{
    public static readonly Input<bool> Condition = new("condition", "Condition", DataType.Boolean) { Required = true, Editor = InputEditor.JavaScript };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Outcome(context.Get(Condition) ? Ports.True : Ports.False));
}
