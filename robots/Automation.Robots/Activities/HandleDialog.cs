using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>
/// Answers the next dialog (alert, confirm, prompt). With a <c>click</c> selector it clicks and waits for the dialog
/// here; without, the answer is armed for the next step. A dialog whose text differs from the expected one is
/// dismissed and fails the step.
/// </summary>
[Activity("Robot.HandleDialog", RobotInputs.Category, "Handle dialog", Description = "Accepts or dismisses the next dialog, checking its text.")]
public sealed class HandleDialog(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<string> Answer = new("answer", "Answer", DataType.String)
    {
        Default = "accept",
        Editor = InputEditor.Dropdown,
        Options = ["accept", "dismiss"],
    };

    public static readonly Input<string> ExpectedText = new("expectedText", "Expected text", DataType.String)
    {
        Description = "The dialog's message must contain this text; otherwise it is dismissed and the step fails.",
    };

    public static readonly Input<JsonNode> ClickSelector = new("click", "Click first", DataType.Any)
    {
        Editor = InputEditor.Selector,
        CheckLiteral = RobotInputs.CheckSelector,
        Description = "An element to click that opens the dialog; the activity then waits for the dialog.",
    };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var text = (context.Get(Answer) ?? "accept").Trim();
        var answer = text.ToUpperInvariant() switch
        {
            "ACCEPT" => DialogAnswer.Accept,
            "DISMISS" => DialogAnswer.Dismiss,
            _ => throw new WorkflowFaultException($"Input 'answer' of activity '{context.ActivityId}' is '{text}'; use accept or dismiss."),
        };
        var expected = context.Get(ExpectedText);
        var click = context.Has(ClickSelector) ? ReadSelector(context, ClickSelector) : (Selector?)null;
        var seen = await session.HandleDialogAsync(answer, string.IsNullOrEmpty(expected) ? null : expected, click, timeout, cancellationToken).ConfigureAwait(false);
        context.Log(seen is null
            ? $"The next dialog will be {(answer == DialogAnswer.Accept ? "accepted" : "dismissed")}"
            : $"{seen.Type} dialog '{seen.Message}' {(seen.Answer == DialogAnswer.Accept ? "accepted" : "dismissed")}");
        return ActivityResult.Done;
    }
}
