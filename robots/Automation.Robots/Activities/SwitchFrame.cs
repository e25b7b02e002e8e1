using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Makes later steps work inside an iframe, or back in the main document with <c>"main"</c>.</summary>
[Activity("Robot.SwitchFrame", RobotInputs.Category, "Switch frame", Description = "Works inside an iframe from now on, or in the main document again (\"main\").")]
public sealed class SwitchFrame(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<JsonNode> Frame = new("frame", "Frame", Engine.Definitions.DataType.Any)
    {
        Required = true,
        Editor = InputEditor.Selector,
        Description = "A selector of the iframe element, or \"main\".",
    };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var raw = context.Get(Frame);
        var main = raw is JsonValue value && value.GetValueKind() == JsonValueKind.String && string.Equals(value.GetValue<string>().Trim(), "main", StringComparison.OrdinalIgnoreCase);
        var match = await session.SwitchFrameAsync(main ? null : ReadSelector(context, Frame), timeout, cancellationToken).ConfigureAwait(false);
        if (match is null)
        {
            context.Log("Switched to the main document");
        }
        else
        {
            LogMatch(context, "Switched to frame", match);
        }

        return ActivityResult.Done;
    }
}
