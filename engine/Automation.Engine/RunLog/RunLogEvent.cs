using System.Text.Json.Nodes;

namespace Automation.Engine.RunLog;

/// <summary>
/// One thing that happened, as handed to <see cref="IRunLog.AppendAsync"/>. The payload is masked before it is stored
/// (see <see cref="RunLogMasking"/>); name the payload keys that hold personal data in <see cref="PersonalKeys"/>.
/// </summary>
public sealed record RunLogEvent
{
    /// <summary>One of <see cref="RunLogEventTypes"/> (or another dotted name).</summary>
    public required string Type { get; init; }

    public required RunLogActor Actor { get; init; }

    public RunLogCorrelation Correlation { get; init; } = RunLogCorrelation.None;

    /// <summary>Ok, Failed, Denied, Finished, Faulted, a port name... Used by the auditor's outcome filter.</summary>
    public string? Outcome { get; init; }

    /// <summary>Details; masked before storing.</summary>
    public JsonObject? Payload { get; init; }

    /// <summary>Top-level payload keys whose whole value is personal data (masked as <c>***</c>).</summary>
    public IReadOnlyCollection<string> PersonalKeys { get; init; } = [];
}
