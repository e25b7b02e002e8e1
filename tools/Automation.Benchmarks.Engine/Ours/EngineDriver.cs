using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;

namespace Automation.Benchmarks.Engine.Ours;

/// <summary>Starts and checks instances of our engine the same way for every store.</summary>
internal static class EngineDriver
{
    /// <summary>Concurrent StartAsync calls: four per core, enough to keep every core busy while some calls wait on the store.</summary>
    public static int Concurrency { get; } = Environment.ProcessorCount * 4;

    public static Task RunAsync(WorkflowRuntime runtime, WorkflowDefinition definition, int instances, ConcurrentBag<RunResult> results, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, instances),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (_, ct) => results.Add(await runtime.StartAsync(definition, null, ct)));

    /// <summary>Every instance finished, and its stored counter equals the step count.</summary>
    public static async Task VerifyAsync(IInstanceStore store, IReadOnlyCollection<RunResult> results, int instances, int steps, CancellationToken cancellationToken)
    {
        if (results.Count != instances)
        {
            throw new InvalidOperationException($"Expected {instances} results, got {results.Count}.");
        }

        foreach (var result in results)
        {
            var stored = await store.GetInstanceAsync(result.InstanceId, cancellationToken);
            long? counter = stored?.State.Variables[Flows.Counter] is JsonValue value && value.TryGetValue<long>(out var n) ? n : null;
            if (result.Status != InstanceStatus.Finished || stored?.Status != InstanceStatus.Finished || counter != steps)
            {
                throw new InvalidOperationException(
                    $"Instance {result.InstanceId}: status {result.Status}, stored {stored?.Status}, counter {counter}; expected Finished with counter {steps}. {result.Incident?.Message}");
            }
        }
    }
}
