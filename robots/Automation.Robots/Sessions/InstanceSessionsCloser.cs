using Automation.Engine.Runtime;
using Automation.Robots.Evidence;

namespace Automation.Robots.Sessions;

/// <summary>Closes an instance's robot sessions (browser contexts) as soon as it finishes, faults or is cancelled, not when the host stops.</summary>
internal sealed class InstanceSessionsCloser(RobotSessions sessions, QueueItemEvidence evidence) : IWorkflowInstanceObserver
{
    public async Task InstanceEndedAsync(string instanceId, InstanceStatus status, CancellationToken cancellationToken)
    {
        evidence.Forget(instanceId);
        await sessions.CloseInstanceAsync(instanceId).ConfigureAwait(false);
    }
}
