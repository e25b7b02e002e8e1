using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Waits until an element is visible, hidden, enabled or editable; fails after the timeout.</summary>
[Activity("Robot.WaitFor", RobotInputs.Category, "Wait for", Description = "Waits until an element is visible, hidden, enabled or editable.")]
public sealed class WaitFor(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<string> State = new("state", "State", DataType.String)
    {
        Default = "visible",
        Editor = InputEditor.Dropdown,
        Options = ["visible", "hidden", "enabled", "editable"],
    };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var text = (context.Get(State) ?? "visible").Trim();
        if (!Enum.TryParse<ElementState>(text, ignoreCase: true, out var state) || !Enum.IsDefined(state))
        {
            throw new WorkflowFaultException($"Input 'state' of activity '{context.ActivityId}' is '{text}'; use visible, hidden, enabled or editable.");
        }

        var match = await session.WaitForAsync(ReadSelector(context, Selector), state, timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, $"Wait for {text}", match);
        if (match is null)
        {
            context.Log($"Wait for {text}: no element matches any more");
        }

        return ActivityResult.Done;
    }
}
