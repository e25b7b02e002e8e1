using System.Diagnostics;

namespace Automation.LoadTest;

/// <summary>The measured part of one phase: how long it took and each call's latency.</summary>
internal sealed record PhaseResult(string Name, int Calls, TimeSpan Elapsed, double[] LatenciesMs, int Finished, string Unit)
{
    /// <summary>CPU time of the process doing the work (the server, or this one in-process) during the phase.</summary>
    public TimeSpan Cpu { get; init; }

    public double CpuMsPerCall => Cpu.TotalMilliseconds / Calls;

    public double PerSecond => Calls / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Runs a bounded number of calls with a fixed number in flight, timing each one.</summary>
internal static class Phase
{
    /// <summary>
    /// Makes <paramref name="calls"/> calls of <paramref name="call"/> (given the call's index), <paramref name="concurrency"/>
    /// at a time. A call reports whether its instance finished; an exception ends the phase.
    /// </summary>
    public static async Task<PhaseResult> RunAsync(string name, int calls, int concurrency, string unit, Func<int, CancellationToken, Task<bool>> call, CancellationToken cancellationToken) =>
        await RunAsync(name, calls, concurrency, unit, call, null, cancellationToken);

    /// <summary>The same, also recording the CPU time <paramref name="cpu"/> reports across the phase.</summary>
    public static async Task<PhaseResult> RunAsync(string name, int calls, int concurrency, string unit, Func<int, CancellationToken, Task<bool>> call, Func<TimeSpan>? cpu, CancellationToken cancellationToken)
    {
        var cpuBefore = cpu?.Invoke() ?? TimeSpan.Zero;
        var latencies = new double[calls];
        var next = -1;
        var finished = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Min(concurrency, calls)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                if (await call(i, cancellationToken))
                {
                    Interlocked.Increment(ref finished);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }).ToArray();
        await Task.WhenAll(workers);
        watch.Stop();
        return new PhaseResult(name, calls, watch.Elapsed, latencies, finished, unit) { Cpu = (cpu?.Invoke() ?? TimeSpan.Zero) - cpuBefore };
    }
}
