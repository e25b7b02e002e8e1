using System.Runtime;
using System.Runtime.InteropServices;
using Automation.Benchmarks.Engine;
using Automation.Benchmarks.Engine.Harness;
using Automation.Benchmarks.Engine.Ours;
using Automation.Benchmarks.Engine.Peer;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 1;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;

Console.WriteLine($"engine-bench: {options.Instances:N0} instances per round, {options.Rounds} timed round{(options.Rounds == 1 ? "" : "s")} after warm-up rounds of {options.WarmupInstances:N0} instances (2 s or more per case), median reported");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {Report.LoadAverage()} at start");
Console.WriteLine($"ours: {EngineDriver.Concurrency} concurrent StartAsync calls in memory, {options.SqliteConcurrency} on SQLite (Parallel.ForEachAsync), each call runs its instance to the end;");
Console.WriteLine("WorkflowCore: all instances started one after another, then waited for through its WorkflowCompleted lifecycle events");

int[] stepCounts = [5, 20];
IReadOnlyList<Measurement> measurements;
double commitsPerTransaction;

// One WorkflowCore host, started once, serves every round of both flows; it idles while our rounds run.
await using (var peer = await WorkflowCorePeer.StartAsync(stepCounts, ct))
{
    if (!WorkflowCorePeer.CanPurge)
    {
        Console.WriteLine("note: WorkflowCore's in-memory store could not be emptied between rounds; its later rounds include earlier instances.");
    }

    using var ours5 = new InMemoryEngineScenario(5);
    using var ours20 = new InMemoryEngineScenario(20);
    await using var sqlite = new SqliteEngineScenario(5, options.SqliteConcurrency);
    using var diagnostic5 = new InMemoryEngineScenario(5, keepJournal: false);
    using var diagnostic20 = new InMemoryEngineScenario(20, keepJournal: false);
    List<IScenario> scenarios = [new WorkflowCoreScenario(peer, 5), new WorkflowCoreScenario(peer, 20), ours5, ours20, sqlite];
    if (options.Diagnose)
    {
        scenarios.AddRange([diagnostic5, diagnostic20]);
    }

    measurements = await Runner.MeasureAsync(scenarios, options.Instances, options.WarmupInstances, options.Rounds, ct);
    commitsPerTransaction = sqlite.CommitsPerTransaction;
}

var suspended = await SuspendedMemoryProbe.MeasureAsync(options.Instances, ct);

Report.PrintTable(measurements);
Report.PrintSuspended(suspended);
Report.PrintSqlite(options.SqliteConcurrency, commitsPerTransaction);
Report.PrintRatios(measurements);
Console.WriteLine();
Console.WriteLine($"load average at end: {Report.LoadAverage()} (above the core count means other work shared the machine; rerun when idle)");
return 0;
