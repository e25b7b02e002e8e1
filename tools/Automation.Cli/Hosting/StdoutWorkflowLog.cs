using Automation.Engine.Runtime;

namespace Automation.Cli.Hosting;

/// <summary>Writes each Log line to stdout as it happens, so a long run shows its progress.</summary>
internal sealed class StdoutWorkflowLog : IWorkflowLog
{
    public void Write(string instanceId, string activityId, string message) => Console.Out.WriteLine(message);
}
