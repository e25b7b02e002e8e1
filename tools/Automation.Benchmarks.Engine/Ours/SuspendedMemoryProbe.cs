using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Runtime;
using Automation.Engine.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Benchmarks.Engine.Ours;

/// <summary>How much memory a suspended instance keeps alive in our in-memory engine.</summary>
/// <param name="Instances">How many instances were suspended.</param>
/// <param name="BytesPerInstance">Retained heap growth divided by <paramref name="Instances"/>.</param>
internal sealed record SuspendedMemory(int Instances, double BytesPerInstance);

/// <summary>Starts N instances of Increment → WaitForSignal and measures the retained heap with <see cref="GC.GetTotalMemory(bool)"/>.</summary>
internal static class SuspendedMemoryProbe
{
    public static async Task<SuspendedMemory> MeasureAsync(int instances, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddAutomationEngine();
        services.AddActivitiesFrom(typeof(Increment).Assembly);
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<WorkflowRuntime>();

        var definition = Flows.Sequential(1);
        definition.Root.Activities.Add(new ActivityNode
        {
            Id = "wait",
            Type = "WaitForSignal",
            Inputs = { [WaitForSignal.Signal.Name] = JsonValue.Create("bench-signal") },
        });
        definition.Root.Connections.Add(new Connection { Source = new Endpoint { Activity = "step1", Port = Ports.Done }, Target = new Endpoint { Activity = "wait" } });

        // Warm up (JIT, caches, the compiled definition), then measure from a settled heap.
        await StartAllAsync(runtime, definition, Math.Min(1_000, instances), cancellationToken);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var suspended = await StartAllAsync(runtime, definition, instances, cancellationToken);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(runtime);
        if (suspended != instances)
        {
            throw new InvalidOperationException($"Only {suspended} of {instances} instances suspended on WaitForSignal.");
        }

        return new SuspendedMemory(instances, (after - before) / (double)instances);
    }

    private static async Task<int> StartAllAsync(WorkflowRuntime runtime, WorkflowDefinition definition, int instances, CancellationToken cancellationToken)
    {
        // Results are counted, not kept, so only what the engine itself retains is measured.
        var suspended = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, instances),
            new ParallelOptions { MaxDegreeOfParallelism = EngineDriver.Concurrency, CancellationToken = cancellationToken },
            async (_, ct) =>
            {
                if ((await runtime.StartAsync(definition, null, ct)).Status == InstanceStatus.Suspended)
                {
                    Interlocked.Increment(ref suspended);
                }
            });
        return suspended;
    }
}
