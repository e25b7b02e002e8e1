using Automation.Engine.Runtime;

namespace Automation.RobotHost.Hosting;

/// <summary>Writes each workflow Log line to stdout as <c>INSTANCE-ID ACTIVITY-ID: message</c>, so whoever watches the process sees its progress.</summary>
internal sealed class ConsoleWorkflowLog : IWorkflowLog
{
    public void Write(string instanceId, string activityId, string message) => Console.Out.WriteLine($"{instanceId} {activityId}: {message}");
}
