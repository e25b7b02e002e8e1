using System.Globalization;
using Automation.Benchmarks.Engine.Harness;
using Automation.Benchmarks.Engine.Ours;

namespace Automation.Benchmarks.Engine;

/// <summary>Prints the results table, the ratios against the peer and the targets, and the reference figures.</summary>
internal static class Report
{
    // Measured elsewhere (Elsa 3 built from source, in-memory stores, same kind of 2-core machine); see issue 2.
    private const double ElsaFiveStep = 1_174;
    private const double ElsaTwentyStep = 653;
    private const double ElsaBytesPerInstance = 360 * 1024;

    private const double InMemoryTargetRatio = 5;
    private const double SqliteTargetPerSecond = 2_000;

    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static void PrintTable(IReadOnlyList<Measurement> measurements)
    {
        Console.WriteLine();
        Console.WriteLine($"{"engine",-30} {"flow",-8} {"instances",10} {"median s",9} {"inst/s",10} {"steps/s",11} {"alloc/inst",11} {"GC gen0/1/2",12} {"GC pause",9} {"CPU",5}");
        Console.WriteLine(new string('-', 122));
        foreach (var m in measurements)
        {
            var gcs = m.MedianRound;
            Console.WriteLine(string.Create(
                Culture,
                $"{m.Engine,-30} {m.Steps + "-step",-8} {m.Instances,10:N0} {m.MedianElapsed.TotalSeconds,9:F3} {m.InstancesPerSecond,10:N0} {m.StepsPerSecond,11:N0} {Kb(m.BytesPerInstance),11} {$"{gcs.Gen0}/{gcs.Gen1}/{gcs.Gen2}",12} {gcs.GcPause.TotalSeconds / gcs.Elapsed.TotalSeconds,9:P0} {gcs.CpuShare,5:P0}"));
        }

        Console.WriteLine("alloc/inst: bytes allocated by the whole process during a round / instances (median round). GC columns: collections");
        Console.WriteLine("in the median round and the share of its wall time the GC paused the process. CPU: share of all cores the process");
        Console.WriteLine("kept busy in that round (well under 100 % means the engine was waiting, not computing).");
    }

    public static void PrintSuspended(SuspendedMemory suspended)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(
            Culture,
            $"memory per suspended instance (ours in-memory, {suspended.Instances:N0} instances waiting on WaitForSignal, after one Increment; journal kept): {Kb(suspended.BytesPerInstance)} retained"));
    }

    public static void PrintSqlite(int concurrency, double commitsPerTransaction) =>
        Console.WriteLine(string.Create(
            Culture,
            $"SQLite: fresh temporary file per round, WAL, one commit per activity boundary, {concurrency} instances in flight; last round grouped {commitsPerTransaction:F1} commits per transaction"));

    public static void PrintRatios(IReadOnlyList<Measurement> measurements)
    {
        Console.WriteLine();
        Console.WriteLine("ratios (same run, same process):");
        if (measurements.Count > 0 && measurements[0].Instances != 10_000)
        {
            Console.WriteLine("  (the targets are set for 10,000 instances per round; WorkflowCore's in-memory store scans a list of its live");
            Console.WriteLine("  instances on every lookup, so its rate depends on the round size and smaller rounds favour it)");
        }

        foreach (var steps in new[] { 5, 20 })
        {
            var peer = Find(measurements, "WorkflowCore", steps);
            var ours = Find(measurements, "ours in-memory", steps);
            if (peer is null || ours is null)
            {
                continue;
            }

            var ratio = ours.InstancesPerSecond / peer.InstancesPerSecond;
            Console.WriteLine(string.Create(
                Culture,
                $"  ours in-memory / WorkflowCore, {steps}-step: {ratio:F1}x instances/s (target >= {InMemoryTargetRatio}x: {Verdict(ratio >= InMemoryTargetRatio)}); allocation {ours.BytesPerInstance / peer.BytesPerInstance:F2}x theirs"));
        }

        var sqlite = Find(measurements, "ours SQLite", 5);
        if (sqlite is not null)
        {
            Console.WriteLine(string.Create(
                Culture,
                $"  ours SQLite (commit per activity), 5-step: {sqlite.InstancesPerSecond:N0} instances/s (target >= {SqliteTargetPerSecond:N0}: {Verdict(sqlite.InstancesPerSecond >= SqliteTargetPerSecond)})"));
        }

        Console.WriteLine();
        Console.WriteLine("against Elsa 3 REFERENCE figures (measured elsewhere on a 2-core machine, NOT in this run):");
        Console.WriteLine(string.Create(Culture, $"  Elsa 3 in-memory: {ElsaFiveStep:N0} inst/s 5-step, {ElsaTwentyStep:N0} inst/s 20-step, about {Kb(ElsaBytesPerInstance)} allocated per instance"));
        foreach (var (steps, elsa) in new[] { (5, ElsaFiveStep), (20, ElsaTwentyStep) })
        {
            if (Find(measurements, "ours in-memory", steps) is { } ours)
            {
                Console.WriteLine(string.Create(
                    Culture,
                    $"  ours in-memory / Elsa 3 reference, {steps}-step: {ours.InstancesPerSecond / elsa:F1}x instances/s, {ElsaBytesPerInstance / ours.BytesPerInstance:F0}x less allocation per instance"));
            }
        }

        if (sqlite is not null)
        {
            Console.WriteLine(string.Create(
                Culture,
                $"  ours SQLite (durable) / Elsa 3 reference in-memory, 5-step: {sqlite.InstancesPerSecond / ElsaFiveStep:F1}x instances/s"));
        }
    }

    /// <summary>The 1-minute load average where the OS reports it, so a reader can tell a busy machine's figures apart.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static Measurement? Find(IReadOnlyList<Measurement> measurements, string enginePrefix, int steps) =>
        measurements.FirstOrDefault(m => m.Steps == steps && m.Engine.StartsWith(enginePrefix, StringComparison.Ordinal));

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string Kb(double bytes) => string.Create(Culture, $"{bytes / 1024:N1} KB");
}
