using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>
/// Explicit waiting (FlaUI's <c>Retry</c>): poll a probe until it gives a value or the timeout passes. An application
/// that stopped answering is not waited for again: its timeout error ends the retry at once.
/// </summary>
public static class Retry
{
    /// <summary>The longest pause between probes. <value>40 ms</value></summary>
    public static TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Polls <paramref name="probe"/> until it returns non-null; null when the timeout passed.</summary>
    public static async Task<T?> WhileNullAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTimeOffset.UtcNow + timeout;
        for (var attempt = 0; ; attempt++)
        {
            var value = await probe(cancellationToken);
            if (value is not null || DateTimeOffset.UtcNow >= deadline)
            {
                return value;
            }

            await Task.Delay(Pause(attempt), cancellationToken);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false when the timeout passed.</summary>
    public static async Task<bool> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return await WhileNullAsync(async ct => await condition(ct) ? "" : null, timeout, cancellationToken) is not null;
    }

    /// <summary>Runs <paramref name="action"/> until it does not throw; the last exception is thrown after the timeout.</summary>
    public static async Task<T> WhileExceptionAsync<T>(Func<CancellationToken, Task<T>> action, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var deadline = DateTimeOffset.UtcNow + timeout;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not AtSpiException { IsTimeout: true } && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(Pause(attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The pause after the given failed attempt: 5, 10, 20 ms, then <see cref="Interval"/>. Most effects (a handler
    /// run after DoAction answered) land within a few milliseconds, so early probes come quickly.
    /// </summary>
    public static TimeSpan Pause(int attempt)
    {
        var pause = TimeSpan.FromMilliseconds(5 << Math.Min(attempt, 4));
        return pause < Interval ? pause : Interval;
    }
}
