using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>
/// Switches to a popup window (waiting for it, after clicking <c>click</c> when given), or with <c>action: back</c>
/// closes the popup and returns to the window that opened it.
/// </summary>
[Activity("Robot.Popup", RobotInputs.Category, "Popup", Description = "Waits for a popup window and works in it, or closes it and goes back.")]
public sealed class Popup(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<string> Action = new("action", "Action", DataType.String)
    {
        Default = "switch",
        Editor = InputEditor.Dropdown,
        Options = ["switch", "back"],
    };

    public static readonly Input<JsonNode> ClickSelector = new("click", "Click first", DataType.Any)
    {
        Editor = InputEditor.Selector,
        CheckLiteral = RobotInputs.CheckSelector,
        Description = "An element to click that opens the popup.",
    };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var action = (context.Get(Action) ?? "switch").Trim().ToUpperInvariant();
        switch (action)
        {
            case "BACK":
                await session.SwitchBackAsync(cancellationToken).ConfigureAwait(false);
                context.Log("Closed the popup and went back");
                return ActivityResult.Done;
            case "SWITCH":
                var click = context.Has(ClickSelector) ? ReadSelector(context, ClickSelector) : (Selector?)null;
                var address = await session.SwitchToPopupAsync(click, timeout, cancellationToken).ConfigureAwait(false);
                context.Log($"Switched to popup {address}");
                return ActivityResult.Done;
            default:
                throw new WorkflowFaultException($"Input 'action' of activity '{context.ActivityId}' is '{action}'; use switch or back.");
        }
    }
}
