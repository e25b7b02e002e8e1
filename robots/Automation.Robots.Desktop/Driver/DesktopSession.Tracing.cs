using Automation.Robots.Sessions;

namespace Automation.Robots.Desktop.Driver;

/// <summary>The desktop action log stands in for a trace: one chunk per queue item, written as JSON.</summary>
internal sealed partial class DesktopSession : ITracingSession
{
    public bool IsTracing => _log.IsRecording;

    public Task StartTraceAsync(string title, CancellationToken cancellationToken)
    {
        if (_log.IsRecording)
        {
            throw new RobotException($"The session on '{Target.Name}' is already recording an action log chunk; stop it before starting the next.");
        }

        _log.Start(title);
        return Task.CompletedTask;
    }

    public Task<string?> StopTraceAsync(CancellationToken cancellationToken) => _log.StopAsync(Target.Name, cancellationToken);
}
