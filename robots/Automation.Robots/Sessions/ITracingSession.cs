namespace Automation.Robots.Sessions;

/// <summary>
/// A session that can record a trace of its steps, implemented by sessions whose driver has one (the web driver's
/// Playwright trace); sessions without it (desktop) simply do not implement it and get screenshots only.
/// </summary>
public interface ITracingSession
{
    /// <summary>Whether a trace chunk is being recorded now.</summary>
    bool IsTracing { get; }

    /// <summary>Starts recording a trace chunk titled <paramref name="title"/>; one chunk at a time.</summary>
    Task StartTraceAsync(string title, CancellationToken cancellationToken);

    /// <summary>Stops the chunk and writes it to a new temporary file that the caller then owns; null when none was recording.</summary>
    Task<string?> StopTraceAsync(CancellationToken cancellationToken);
}
