using Automation.Robots.Sessions;
using Microsoft.Playwright;

namespace Automation.Robots.Web.Driver;

/// <summary>Playwright traces of the session's browser context: tracing starts once, then one chunk per queue item.</summary>
internal sealed partial class PlaywrightSession : ITracingSession
{
    private bool _tracingStarted;

    public bool IsTracing { get; private set; }

    public async Task StartTraceAsync(string title, CancellationToken cancellationToken)
    {
        if (IsTracing)
        {
            throw new RobotException($"The session on '{Target.Name}' is already recording a trace chunk; stop it before starting the next.");
        }

        if (!_tracingStarted)
        {
            await Guard("Start tracing", () => _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true })).ConfigureAwait(false);
            _tracingStarted = true;
        }

        await Guard("Start a trace chunk", () => _context.Tracing.StartChunkAsync(new TracingStartChunkOptions { Title = title })).ConfigureAwait(false);
        IsTracing = true;
    }

    public async Task<string?> StopTraceAsync(CancellationToken cancellationToken)
    {
        if (!IsTracing)
        {
            return null;
        }

        // A random name: the file name must not carry the item's data.
        var path = Path.Combine(Path.GetTempPath(), $"robot-trace-{Guid.NewGuid():N}.zip");
        IsTracing = false;
        await Guard("Stop the trace chunk", () => _context.Tracing.StopChunkAsync(new TracingStopChunkOptions { Path = path })).ConfigureAwait(false);
        return path;
    }
}
