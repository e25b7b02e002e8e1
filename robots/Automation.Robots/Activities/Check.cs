using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Checks or unchecks a check box and verifies its state.</summary>
[Activity("Robot.Check", RobotInputs.Category, "Check", Description = "Sets a check box on or off and verifies it.")]
public sealed class Check(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<bool> Checked = new("checked", "Checked", DataType.Boolean) { Default = true, Editor = InputEditor.Boolean };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var selector = ReadSelector(context, Selector);
        var isChecked = context.Get(Checked);
        var match = await session.CheckAsync(selector, isChecked, timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, isChecked ? "Check (verified)" : "Uncheck (verified)", match);
        return ActivityResult.Done;
    }
}
