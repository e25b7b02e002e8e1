namespace Automation.Engine.Runtime;

/// <summary>
/// Told when an instance has finished, faulted or been cancelled in this process, so resources it held here (such
/// as robot sessions) are released at once instead of when the host stops. Register zero or many in DI; a failing
/// observer is written to the workflow log and never changes the instance.
/// </summary>
public interface IWorkflowInstanceObserver
{
    /// <summary>The instance stopped running with <paramref name="status"/> (Finished, Faulted or Cancelled).</summary>
    Task InstanceEndedAsync(string instanceId, InstanceStatus status, CancellationToken cancellationToken);
}
