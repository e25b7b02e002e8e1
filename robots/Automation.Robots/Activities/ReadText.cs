using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Reads an element's text (a field's value) into a variable.</summary>
[Activity("Robot.ReadText", RobotInputs.Category, "Read text", Description = "Reads an element's text, or a field's value, into a variable.")]
public sealed class ReadText(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<string> Variable = RobotInputs.Variable("Receives the text.");

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var read = await session.ReadTextAsync(ReadSelector(context, Selector), timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, "Read text", read.Match);
        Store(context, Variable, read.Value);
        return ActivityResult.Done;
    }
}
