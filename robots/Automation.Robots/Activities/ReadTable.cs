using Automation.Engine.Activities;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Reads a table's rows into a variable as a list of objects keyed by the header texts.</summary>
[Activity("Robot.ReadTable", RobotInputs.Category, "Read table", Description = "Reads a table's rows as objects keyed by its header texts.")]
public sealed class ReadTable(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<string> Variable = RobotInputs.Variable("Receives an array with one object per row.");

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var read = await session.ReadTableAsync(ReadSelector(context, Selector), timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, $"Read table ({read.Value.Count} rows)", read.Match);
        Store(context, Variable, read.Value);
        return ActivityResult.Done;
    }
}
