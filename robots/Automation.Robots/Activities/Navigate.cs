using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Goes to an address of the target system (relative to its base address).</summary>
[Activity("Robot.Navigate", RobotInputs.Category, "Navigate", Description = "Opens an address of the target system, relative to its base address.")]
public sealed class Navigate(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<string> Url = new("url", "Address", DataType.String) { Required = true, Description = "Relative to the target's base address, such as referrals/new." };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = context.Get(Url);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' has no address; set 'url', for example referrals/new.");
        }

        await session.NavigateAsync(url, timeout, cancellationToken).ConfigureAwait(false);
        context.Log($"Navigated to {url}");
        return ActivityResult.Done;
    }
}
