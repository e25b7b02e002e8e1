using System.Diagnostics;

namespace Automation.Benchmarks.Engine.Harness;

/// <summary>
/// A Stopwatch harness: warm-up rounds per scenario (at least two seconds' worth), then several timed rounds, median reported.
/// BenchmarkDotNet is the usual tool, but it runs each case many times over in fresh processes, which for
/// 10,000-instance rounds on a 2-core machine takes far too long; a round here is already tens of thousands of
/// activity executions, so a few rounds and their median are stable enough.
/// Rounds are interleaved (round 1 of every scenario, then round 2, ...), so when other work on the machine
/// comes and goes it slows every engine alike instead of skewing the ratios.
/// </summary>
internal static class Runner
{
    private const int MaxWarmupRepetitions = 20;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);

    public static async Task<IReadOnlyList<Measurement>> MeasureAsync(IReadOnlyList<IScenario> scenarios, int instances, int warmupInstances, int rounds, CancellationToken cancellationToken)
    {
        foreach (var scenario in scenarios)
        {
            // Warm up for a while, not for a count: the JIT recompiles hot methods with full optimisation only after
            // they have run for some time, and a fast engine gets through a fixed count before that happens.
            var warm = new Stopwatch();
            var repetitions = 0;
            do
            {
                await scenario.PrepareAsync(warmupInstances, cancellationToken);
                warm.Start();
                await scenario.RunAsync(warmupInstances, cancellationToken);
                warm.Stop();
                await scenario.VerifyAsync(warmupInstances, cancellationToken);
                await scenario.ReleaseAsync();
                repetitions++;
            }
            while (warm.Elapsed < WarmupTime && repetitions < MaxWarmupRepetitions);

            Console.Error.WriteLine($"warm-up: {Name(scenario)}, {repetitions} x {warmupInstances:N0} instances, {warm.Elapsed.TotalSeconds:F1} s running");
        }

        var results = scenarios.Select(_ => new List<Round>()).ToList();
        for (var r = 1; r <= rounds; r++)
        {
            for (var s = 0; s < scenarios.Count; s++)
            {
                var round = await MeasureRoundAsync(scenarios[s], instances, cancellationToken);
                results[s].Add(round);
                Console.Error.WriteLine($"round {r}/{rounds}: {Name(scenarios[s])}: {instances / round.Elapsed.TotalSeconds:N0} instances/s");
            }
        }

        return scenarios.Select((s, i) => new Measurement(s.Engine, s.Steps, instances, results[i])).ToList();
    }

    private static async Task<Round> MeasureRoundAsync(IScenario scenario, int instances, CancellationToken cancellationToken)
    {
        await scenario.PrepareAsync(instances, cancellationToken);

        // Start every round from the same heap state, so one round does not pay for the last one's garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();

        await scenario.RunAsync(instances, cancellationToken);

        watch.Stop();
        var round = new Round(
            watch.Elapsed,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            GC.GetTotalPauseDuration() - paused,
            Environment.CpuUsage.TotalTime - cpu);
        await scenario.VerifyAsync(instances, cancellationToken);
        await scenario.ReleaseAsync();
        return round;
    }

    private static string Name(IScenario scenario) => $"{scenario.Engine}, {scenario.Steps}-step";
}
