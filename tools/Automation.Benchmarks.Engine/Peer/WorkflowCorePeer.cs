using System.Collections;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;
using WorkflowCore.Services;

namespace Automation.Benchmarks.Engine.Peer;

/// <summary>
/// WorkflowCore 3.22 with its defaults: in-memory persistence, single-node queue and lock, its own worker
/// threads (MaxConcurrentWorkflows = max(cores, 4)). One host, started once, runs every round of every flow.
/// </summary>
internal sealed class WorkflowCorePeer : IAsyncDisposable
{
    private static readonly FieldInfo? InstancesField = typeof(MemoryPersistenceProvider).GetField("_instances", BindingFlags.NonPublic | BindingFlags.Instance);

    private readonly ServiceProvider _services;
    private readonly IWorkflowHost _host;
    private string? _awaitedDefinition;
    private int _awaitedCount;
    private int _completed;
    private TaskCompletionSource? _allCompleted;
    private List<string> _started = [];

    private WorkflowCorePeer(ServiceProvider services)
    {
        _services = services;
        _host = services.GetRequiredService<IWorkflowHost>();

        // Completion is counted from WorkflowCore's own lifecycle events (published from its executor after the
        // last step, delivered on its publisher thread), not by polling the store, which would add scans of our own.
        _host.OnLifeCycleEvent += OnLifeCycleEvent;
    }

    /// <summary>Whether completed instances can be dropped between rounds (see <see cref="PurgeStore"/>).</summary>
    public static bool CanPurge => InstancesField is not null;

    public static async Task<WorkflowCorePeer> StartAsync(IEnumerable<int> stepCounts, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();

        // No logging on either side: the engines are measured, not a logger.
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddWorkflow();
        var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<IWorkflowRegistry>();
        foreach (var steps in stepCounts)
        {
            registry.RegisterWorkflow(new SequentialWorkflow(steps));
        }

        var peer = new WorkflowCorePeer(provider);
        await peer._host.StartAsync(cancellationToken);
        return peer;
    }

    public IPersistenceProvider Persistence => _services.GetRequiredService<IPersistenceProvider>();

    /// <summary>Starts <paramref name="instances"/> instances one after another and waits until WorkflowCore reports each one completed.</summary>
    public async Task RunAsync(int steps, int instances, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _completed, 0);
        _awaitedCount = instances;
        _awaitedDefinition = SequentialWorkflow.IdFor(steps);
        Volatile.Write(ref _allCompleted, done);
        var started = new List<string>(instances);

        for (var i = 0; i < instances; i++)
        {
            started.Add(await _host.StartWorkflow(_awaitedDefinition, 1, new CounterData()));
        }

        _started = started;

        await done.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
        Volatile.Write(ref _allCompleted, null);
    }

    /// <summary>Every instance of the last round is stored as complete, with its counter equal to the step count.</summary>
    public async Task VerifyAsync(int steps, int instances, CancellationToken cancellationToken)
    {
        await WaitUntilPersistedAsync(cancellationToken);
        var ids = new HashSet<string>(_started, StringComparer.Ordinal);
        var stored = (await Persistence.GetWorkflowInstances(ids, cancellationToken)).ToList();
        var complete = stored.Count(w => w.Status == WorkflowStatus.Complete && ((CounterData)w.Data).Counter == steps);
        if (ids.Count != instances || complete != instances)
        {
            throw new InvalidOperationException(
                $"WorkflowCore {SequentialWorkflow.IdFor(steps)}: expected {instances} complete instances with counter {steps}, found {complete} of {stored.Count} stored ({ids.Count} started).");
        }
    }

    /// <summary>
    /// The completion event is published from inside WorkflowCore's executor, just before its consumer persists the
    /// instance and releases the instance's lock. Taking each lock once (and giving it back) waits for those last
    /// writes, so reading or emptying the store cannot race them. Untimed: the round ended at the last event.
    /// </summary>
    private async Task WaitUntilPersistedAsync(CancellationToken cancellationToken)
    {
        var locks = _services.GetRequiredService<IDistributedLockProvider>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        foreach (var id in _started)
        {
            while (!await locks.AcquireLock(id, cancellationToken))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"WorkflowCore still holds the lock of instance {id} a minute after it completed.");
                }

                await Task.Delay(1, cancellationToken);
            }

            await locks.ReleaseLock(id);
        }
    }

    /// <summary>
    /// Empties WorkflowCore's in-memory store between rounds. Its MemoryPersistenceProvider keeps every instance in
    /// a list and finds one by scanning it, so without this each round would run slower than the one before only
    /// because earlier rounds' instances are still there; our store starts each round empty too.
    /// </summary>
    public void PurgeStore()
    {
        if (InstancesField?.GetValue(_services.GetRequiredService<ISingletonMemoryProvider>()) is IList list)
        {
            lock (list)
            {
                list.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _host.OnLifeCycleEvent -= OnLifeCycleEvent;
        await _host.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }

    private void OnLifeCycleEvent(LifeCycleEvent evt)
    {
        if (evt is WorkflowCompleted && evt.WorkflowDefinitionId == _awaitedDefinition
            && Interlocked.Increment(ref _completed) == _awaitedCount)
        {
            Volatile.Read(ref _allCompleted)?.TrySetResult();
        }
    }
}
