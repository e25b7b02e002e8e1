namespace Automation.Benchmarks.Engine.Harness;

/// <summary>One timed round.</summary>
/// <param name="Elapsed">Wall time from the first start to the last completion.</param>
/// <param name="AllocatedBytes">Bytes allocated by every thread of the process during the round.</param>
/// <param name="Gen0">Gen-0 collections during the round (gen-1 and gen-2 ones are counted in it too).</param>
/// <param name="Gen1">Gen-1 collections during the round.</param>
/// <param name="Gen2">Gen-2 collections during the round.</param>
/// <param name="GcPause">Time the GC paused the process during the round.</param>
/// <param name="Cpu">Processor time the process used during the round, all threads.</param>
internal sealed record Round(TimeSpan Elapsed, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, TimeSpan Cpu)
{
    /// <summary>Share of the machine's cores the process kept busy: well under 100 % means the engine waited (on I/O, timers or locks).</summary>
    public double CpuShare => Cpu.TotalSeconds / (Elapsed.TotalSeconds * Environment.ProcessorCount);
}

/// <summary>The rounds of one scenario and the medians reported for it.</summary>
internal sealed class Measurement(string engine, int steps, int instances, IReadOnlyList<Round> rounds)
{
    public string Engine { get; } = engine;

    public int Steps { get; } = steps;

    public int Instances { get; } = instances;

    public IReadOnlyList<Round> Rounds { get; } = rounds;

    public TimeSpan MedianElapsed => Median(Rounds.Select(r => r.Elapsed).ToList());

    public double InstancesPerSecond => Instances / MedianElapsed.TotalSeconds;

    public double StepsPerSecond => InstancesPerSecond * Steps;

    /// <summary>The round whose time is the median, for its GC counts.</summary>
    public Round MedianRound => Rounds.OrderBy(r => r.Elapsed).ElementAt(Rounds.Count / 2);

    public double BytesPerInstance => Median(Rounds.Select(r => r.AllocatedBytes).ToList()) / (double)Instances;

    private static T Median<T>(List<T> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
