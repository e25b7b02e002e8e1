using Automation.Engine.Activities;

namespace Automation.Robots.Activities;

/// <summary>Closes this instance's session on a target system; closing one that is not open does nothing.</summary>
[Activity("Robot.Close", RobotInputs.Category, "Close", Description = "Closes the robot session on the target system.")]
public sealed class Close(RobotServices services) : IActivity
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Get(Target) ?? "";
        var session = services.Sessions.Remove(context.InstanceId, name);
        if (session is null)
        {
            context.Log($"No open session on '{name}' to close");
            return ActivityResult.Done;
        }

        await services.ItemEvidence.SessionClosingAsync(context.InstanceId, session.Target.Name, session, cancellationToken).ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
        context.Log($"Closed '{name}'");
        return ActivityResult.Done;
    }
}
