using Automation.Engine.Activities;
using Automation.Robots.Evidence;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Takes a screenshot into the evidence store; the variable receives its reference.</summary>
[Activity("Robot.Screenshot", RobotInputs.Category, "Screenshot", Description = "Saves what the robot sees as evidence.")]
public sealed class Screenshot(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<string> Variable = RobotInputs.Variable("Receives the evidence reference (evidence:sha256:...).");

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var png = await session.ScreenshotAsync(cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(png, writable: false);
        var reference = await Services.Evidence.SaveAsync(stream, EvidenceMediaTypes.Png, cancellationToken).ConfigureAwait(false);
        context.Log($"Screenshot {reference}");
        Store(context, Variable, reference.ToString());
        return ActivityResult.Done;
    }
}
