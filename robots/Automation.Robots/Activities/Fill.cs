using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Types a value into a field and verifies it by reading it back after leaving the field. The value is masked in the journal.</summary>
[Activity("Robot.Fill", RobotInputs.Category, "Fill", Description = "Writes a value into a field and verifies it by reading it back.")]
public sealed class Fill(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<string> Value = new("value", "Value", DataType.String) { Description = "The text to write; shown masked in the journal." };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var selector = ReadSelector(context, Selector);
        var value = context.Get(Value, personal: true) ?? "";
        var match = await session.FillAsync(selector, value, timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, "Fill (verified)", match);
        return ActivityResult.Done;
    }
}
