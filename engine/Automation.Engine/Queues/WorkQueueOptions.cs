using System.ComponentModel.DataAnnotations;

namespace Automation.Engine.Queues;

/// <summary>Retry settings for work queues.</summary>
public sealed class WorkQueueOptions
{
    /// <summary>How many attempts an item gets before an application error leaves it AppFailed.</summary>
    /// <value>5</value>
    [Range(1, 1000)]
    public int DefaultMaxAttempts { get; set; } = 5;

    /// <summary>Per-queue maximum attempts, overriding <see cref="DefaultMaxAttempts"/>.</summary>
    public Dictionary<string, int> MaxAttempts { get; } = new(StringComparer.Ordinal);

    /// <summary>Delay before the first retry after an application error; it doubles for each further attempt.</summary>
    /// <value>30 seconds</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between retries.</summary>
    /// <value>1 hour</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The attempts allowed in <paramref name="queue"/>.</summary>
    public int MaxAttemptsFor(string queue) => MaxAttempts.TryGetValue(queue, out var max) ? max : DefaultMaxAttempts;

    /// <summary>The delay after failed attempt number <paramref name="attempt"/> (1-based): RetryDelay × 2^(attempt−1), capped.</summary>
    public TimeSpan RetryDelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
