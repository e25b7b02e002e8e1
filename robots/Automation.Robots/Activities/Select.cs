using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Chooses an option of a drop-down by label or value and verifies the choice.</summary>
[Activity("Robot.Select", RobotInputs.Category, "Select", Description = "Chooses an option by label or value and verifies it.")]
public sealed class Select(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<string> Option = new("option", "Option", DataType.String) { Required = true };

    public static readonly Input<string> By = new("by", "Match option by", DataType.String)
    {
        Default = "label",
        Editor = InputEditor.Dropdown,
        Options = ["label", "value"],
    };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var selector = ReadSelector(context, Selector);
        var option = context.Get(Option) ?? "";
        var by = (context.Get(By) ?? "label").Trim().ToUpperInvariant() switch
        {
            "LABEL" => OptionMatch.Label,
            "VALUE" => OptionMatch.Value,
            var other => throw new WorkflowFaultException($"Input 'by' of activity '{context.ActivityId}' is '{other}'; use label or value."),
        };
        var match = await session.SelectAsync(selector, option, by, timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, $"Select '{option}' (verified)", match);
        return ActivityResult.Done;
    }
}
