namespace Automation.LegacyWeb.Faults;

/// <summary>Injected trouble, all off by default. Admin endpoints are never affected.</summary>
/// <param name="LatencyMinMs">Extra delay before every page, lower bound in milliseconds.</param>
/// <param name="LatencyMaxMs">Upper bound; equal to (or below) the minimum gives a fixed delay.</param>
/// <param name="ErrorRate">Probability (0..1) that a page answers 500 instead (before any work is done).</param>
/// <param name="SlowSaveMs">Extra delay inside B's save, after validation and before the row is written.</param>
public sealed record FaultSettings(int LatencyMinMs = 0, int LatencyMaxMs = 0, double ErrorRate = 0, int SlowSaveMs = 0)
{
    /// <summary>No faults.</summary>
    public static FaultSettings None { get; } = new();

    /// <summary>A message naming the bad value and its range, or null when the settings are usable.</summary>
    public string? Problem() =>
        LatencyMinMs < 0 || LatencyMaxMs < 0 || SlowSaveMs < 0 ? "Latency and slow-save must be 0 ms or more."
        : ErrorRate is < 0 or > 1 or double.NaN ? $"ErrorRate {ErrorRate} must be between 0 and 1."
        : null;
}
