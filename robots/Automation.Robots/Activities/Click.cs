using Automation.Engine.Activities;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Clicks an element once it is visible, enabled and stable.</summary>
[Activity("Robot.Click", RobotInputs.Category, "Click", Description = "Clicks an element.")]
public sealed class Click(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var match = await session.ClickAsync(ReadSelector(context, Selector), timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, "Click", match);
        return ActivityResult.Done;
    }
}
