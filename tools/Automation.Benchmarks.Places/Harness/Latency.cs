using System.Diagnostics;

namespace Automation.Benchmarks.Places.Harness;

/// <summary>Latency percentiles and throughput of one query kind on one side.</summary>
internal sealed record Latency(int Queries, int Clients, double P50Ms, double P99Ms, double QueriesPerSecond)
{
    public override string ToString() => $"p50 {P50Ms:F3} ms, p99 {P99Ms:F3} ms, {QueriesPerSecond:N0} q/s ({Queries:N0} queries, {Clients} clients)";

    /// <summary>Runs <paramref name="count"/> queries spread over <paramref name="clients"/> threads, timing each.</summary>
    public static Latency Measure(int count, int clients, Action<int> query)
    {
        var ticks = new long[count];
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, clients).Select(c => new Thread(() =>
        {
            for (var i = c; i < count; i += clients)
            {
                var start = Stopwatch.GetTimestamp();
                query(i);
                ticks[i] = Stopwatch.GetTimestamp() - start;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return From(ticks, clients, clock.Elapsed);
    }

    /// <summary>The same for asynchronous queries: one task per client, each with its own state (e.g. a connection).</summary>
    public static async Task<Latency> MeasureAsync<TClient>(int count, IReadOnlyList<TClient> clients, Func<TClient, int, Task> query)
    {
        var ticks = new long[count];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            for (var i = c; i < count; i += clients.Count)
            {
                var start = Stopwatch.GetTimestamp();
                await query(client, i);
                ticks[i] = Stopwatch.GetTimestamp() - start;
            }
        })));
        return From(ticks, clients.Count, clock.Elapsed);
    }

    private static Latency From(long[] ticks, int clients, TimeSpan elapsed)
    {
        var sorted = ticks.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
        return new Latency(ticks.Length, clients, Percentile(0.50), Percentile(0.99), ticks.Length / elapsed.TotalSeconds);
    }
}
