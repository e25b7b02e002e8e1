using Automation.Engine.Runtime;

namespace Automation.Server.Hosting;

/// <summary>Log activity lines go to the server log (already masked by the engine).</summary>
internal sealed partial class SerilogWorkflowLog(ILogger<SerilogWorkflowLog> logger) : IWorkflowLog
{
    public void Write(string instanceId, string activityId, string message) => LogLine(logger, instanceId, activityId, message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {InstanceId} {ActivityId}: {Text}")]
    private static partial void LogLine(ILogger logger, string instanceId, string activityId, string text);
}
