using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;
using Automation.Engine.Persistence;
using Automation.Engine.Validation;

namespace Automation.Engine.Runtime;

/// <summary>
/// Starts, resumes, retries and cancels workflow instances. Each call runs the instance in the calling task
/// until it finishes, suspends or faults, committing state at every activity boundary.
/// </summary>
public sealed class WorkflowRuntime : IDisposable
{
    private readonly ActivityRegistry _registry;
    private readonly IDefinitionStore _definitions;
    private readonly WorkflowValidator _validator;
    private readonly ConditionalWeakTable<WorkflowDefinition, CompiledWorkflow> _compiled = [];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    // Definitions this runtime started instances of, so it can continue them even when they were never stored
    // (a designer's draft test run, a benchmark); stored versions are looked up in the definition store.
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> _startedDefinitions = new();
    private readonly ITimer _leaseKeeper;
    private readonly IWorkflowInstanceObserver[] _observers;

    public WorkflowRuntime(
        ActivityRegistry registry,
        IInstanceStore store,
        IDefinitionStore definitions,
        IExpressionEvaluator expressions,
        TimeProvider clock,
        WorkflowRuntimeOptions? options = null,
        IWorkflowLog? log = null,
        IBookmarkScheduler? scheduler = null,
        IEnumerable<IWorkflowInstanceObserver>? observers = null)
    {
        _registry = registry;
        Store = store;
        _definitions = definitions;
        Expressions = expressions;
        Clock = clock;
        Options = options ?? new WorkflowRuntimeOptions();
        Log = log ?? NullWorkflowLog.Instance;
        Scheduler = scheduler ?? NullBookmarkScheduler.Instance;
        _validator = new WorkflowValidator(registry, expressions);
        _observers = observers?.ToArray() ?? [];

        // Commits renew the lease at every boundary; this covers a single activity that runs longer than a third of it.
        var period = Options.LeaseDuration / 3;
        _leaseKeeper = clock.CreateTimer(_ => _ = RenewLeasesAsync(), null, period, period);
    }

    public WorkflowRuntimeOptions Options { get; }

    public ActivityRegistry Registry => _registry;

    public WorkflowValidator Validator => _validator;

    internal IInstanceStore Store { get; }

    internal IExpressionEvaluator Expressions { get; }

    internal TimeProvider Clock { get; }

    internal IWorkflowLog Log { get; }

    internal IBookmarkScheduler Scheduler { get; }

    /// <summary>Starts an instance of <paramref name="definition"/> and runs it until it finishes, suspends or faults.</summary>
    /// <exception cref="WorkflowDefinitionException">The definition has errors; nothing was stored.</exception>
    /// <exception cref="WorkflowInputException">The input does not fit the declared inputs; nothing was stored.</exception>
    public async Task<RunResult> StartAsync(WorkflowDefinition definition, StartOptions? options, CancellationToken cancellationToken)
    {
        var (instance, workflow) = NewInstance(definition, options ?? new StartOptions());
        instance.LeaseOwner = Options.Owner;
        instance.LeaseExpiresAt = instance.CreatedAt + Options.LeaseDuration;
        return await RunGatedAsync(instance.Id, () => new InstanceRun(this, instance, workflow, persisted: false, LinkFor(instance.Id, cancellationToken)), run => run.RunAsync());
    }

    /// <summary>
    /// Stores a new instance without running it, for callers that answer before the work is done (the server's
    /// dispatch endpoint). Run it with <see cref="RunInstanceAsync"/>; if this process dies first, crash recovery
    /// finds it (Running, no lease holder) and runs it.
    /// </summary>
    /// <exception cref="WorkflowDefinitionException">The definition has errors; nothing was stored.</exception>
    /// <exception cref="WorkflowInputException">The input does not fit the declared inputs; nothing was stored.</exception>
    public async Task<string> CreateAsync(WorkflowDefinition definition, StartOptions? options, CancellationToken cancellationToken)
    {
        var (instance, _) = NewInstance(definition, options ?? new StartOptions());
        await Store.CommitAsync(new InstanceCommit { Instance = instance, IsNew = true }, cancellationToken);
        return instance.Id;
    }

    /// <summary>Runs a stored Running instance (one made by <see cref="CreateAsync"/>) until it finishes, suspends or faults.</summary>
    /// <exception cref="InstanceLeasedException">Another process is running it.</exception>
    public Task<RunResult> RunInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        WithInstanceAsync(instanceId, null, run => run.Instance.Status == InstanceStatus.Running ? run.RunAsync() : Task.CompletedTask, cancellationToken);

    private (WorkflowInstance Instance, CompiledWorkflow Workflow) NewInstance(WorkflowDefinition definition, StartOptions options)
    {
        var workflow = Compile(definition);
        _startedDefinitions[(definition.Id, definition.Version)] = definition;
        var now = Clock.GetUtcNow();
        var instance = new WorkflowInstance
        {
            Id = options.InstanceId ?? Guid.CreateVersion7().ToString("N"),
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Status = InstanceStatus.Running,
            CorrelationId = options.CorrelationId,
            ParentInstanceId = options.ParentInstanceId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        instance.State.Input = WorkflowInputs.Bind(definition, options.Input);
        foreach (var variable in definition.Variables)
        {
            instance.State.Variables[variable.Name] = variable.Default?.DeepClone();
        }

        if (workflow.Graph.Entry is { } entry)
        {
            instance.State.Tokens.Add(new Token(entry));
        }

        return (instance, workflow);
    }

    /// <summary>Resumes the activity waiting on <paramref name="bookmarkId"/> with <paramref name="payload"/>.</summary>
    /// <exception cref="WorkflowNotFoundException">No such bookmark, or the instance no longer waits on it.</exception>
    public async Task<RunResult> ResumeBookmarkAsync(string bookmarkId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var bookmark = await Store.GetBookmarkAsync(bookmarkId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Bookmark '{bookmarkId}' does not exist or was already resumed.");
        return await WithInstanceAsync(bookmark.InstanceId, null, async run =>
        {
            var current = run.Instance.State.Bookmarks.Find(b => b.Id == bookmarkId)
                ?? throw new WorkflowNotFoundException($"Instance '{bookmark.InstanceId}' no longer waits on bookmark '{bookmarkId}'.");

            // A faulted instance may still wait on another branch; resuming that branch would silently re-run the faulted activity.
            if (run.Instance.Status == InstanceStatus.Faulted)
            {
                throw new WorkflowStateException($"Instance '{bookmark.InstanceId}' is Faulted; retry it from the faulted activity first, then resume bookmark '{bookmarkId}'.");
            }

            await run.ResumeAsync(current, payload);
        }, cancellationToken);
    }

    /// <summary>Resumes every instance waiting for signal <paramref name="name"/> (only <paramref name="instanceId"/>'s when given).</summary>
    public async Task<IReadOnlyList<RunResult>> SignalAsync(string name, JsonNode? payload, string? instanceId, CancellationToken cancellationToken)
    {
        var bookmarks = await Store.FindBookmarksAsync(BookmarkKinds.Signal, name, cancellationToken);
        var results = new List<RunResult>();
        foreach (var bookmark in bookmarks.Where(b => instanceId is null || b.InstanceId == instanceId))
        {
            results.Add(await ResumeBookmarkAsync(bookmark.Id, payload, cancellationToken));
        }

        return results;
    }

    /// <summary>Resumes Delay bookmarks that are due now. Returns the resumed instances' results.</summary>
    public async Task<IReadOnlyList<RunResult>> ResumeDueTimersAsync(CancellationToken cancellationToken)
    {
        var due = await Store.FindDueBookmarksAsync(Clock.GetUtcNow(), cancellationToken);
        var results = new List<RunResult>();
        foreach (var bookmark in due)
        {
            try
            {
                results.Add(await ResumeBookmarkAsync(bookmark.Id, null, cancellationToken));
            }
            catch (WorkflowNotFoundException)
            {
                // Resumed meanwhile by another node or call: nothing left to do.
            }
            catch (WorkflowStateException)
            {
                // Its instance faulted in another branch; the timer is resumed once an operator retried the instance.
            }
        }

        return results;
    }

    /// <summary>Retries a faulted instance from the activity that faulted.</summary>
    public Task<RunResult> RetryAsync(string instanceId, CancellationToken cancellationToken) =>
        WithInstanceAsync(instanceId, null, async run =>
        {
            if (run.Instance.Status != InstanceStatus.Faulted)
            {
                throw new WorkflowStateException($"Instance '{instanceId}' is {run.Instance.Status}; only a faulted instance can be retried.");
            }

            foreach (var incident in run.Instance.State.Incidents)
            {
                incident.Resolved = true;
            }

            run.Instance.Status = InstanceStatus.Running;
            await run.RunAsync();
        }, cancellationToken);

    /// <summary>Cancels an instance: a running one stops at its next await, a suspended one loses its bookmarks.</summary>
    public async Task<RunResult> CancelAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(instanceId, out var active))
        {
            await active.CancelAsync();
        }

        return await WithInstanceAsync(instanceId, null, async run =>
        {
            if (run.Instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
            {
                return;
            }

            await run.CancelAsync();
        }, cancellationToken);
    }

    /// <summary>
    /// Crash recovery: takes over Running instances whose lease expired or whose owner process on this host is gone,
    /// and runs them on. The activity that was in flight runs again; completed ones do not.
    /// </summary>
    public async Task<IReadOnlyList<RunResult>> ResumeInterruptedAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var candidates = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var id in await Store.FindResumableAsync(now, cancellationToken))
        {
            candidates[id] = null;
        }

        foreach (var (id, owner) in await Store.FindRunningAsync(cancellationToken))
        {
            if (owner is not null && LeaseOwners.IsDeadLocalOwner(owner))
            {
                candidates[id] = owner;
            }
        }

        var results = new List<RunResult>();
        foreach (var (id, deadOwner) in candidates)
        {
            if (_running.ContainsKey(id))
            {
                continue;
            }

            try
            {
                results.Add(await WithInstanceAsync(id, deadOwner, run => run.Instance.Status == InstanceStatus.Running ? run.RunAsync() : Task.CompletedTask, cancellationToken));
            }
            catch (InstanceLeasedException)
            {
                // Another node took it first.
            }
        }

        return results;
    }

    public void Dispose() => _leaseKeeper.Dispose();

    /// <summary>Validates and prepares a definition; cached per definition object.</summary>
    /// <exception cref="WorkflowDefinitionException">The definition has errors.</exception>
    internal CompiledWorkflow Compile(WorkflowDefinition definition)
    {
        if (_compiled.TryGetValue(definition, out var compiled))
        {
            return compiled;
        }

        _validator.EnsureValid(definition, $"Workflow '{definition.Id}'");
        compiled = new CompiledWorkflow(definition, _registry, Clock);
        _compiled.AddOrUpdate(definition, compiled);
        return compiled;
    }

    internal async Task<RunResult> RunChildAsync(WorkflowInstance parent, string activityId, string definitionId, int? version, JsonObject input, CancellationToken cancellationToken)
    {
        var definition = await _definitions.GetAsync(definitionId, version, cancellationToken)
            ?? throw new WorkflowFaultException($"Sub-workflow '{definitionId}'{(version is null ? "" : $" version {version}")} is not published; publish it before calling it from '{parent.DefinitionId}'.");

        // The child's id is derived from where the parent calls it, so re-running the call after a crash finds the same child instead of starting a second one.
        var childId = $"{parent.Id}.{activityId}.{parent.State.Step + 1}";
        var existing = await Store.GetInstanceAsync(childId, cancellationToken);
        if (existing is not null)
        {
            return existing.Status == InstanceStatus.Running
                ? await WithInstanceAsync(childId, null, run => run.RunAsync(), cancellationToken)
                : RunResult.Of(existing);
        }

        return await StartAsync(definition, new StartOptions { Input = input, InstanceId = childId, ParentInstanceId = parent.Id, CorrelationId = parent.CorrelationId }, cancellationToken);
    }

    private async Task<RunResult> WithInstanceAsync(string instanceId, string? deadOwner, Func<InstanceRun, Task> action, CancellationToken cancellationToken)
    {
        return await RunGatedAsync(
            instanceId,
            async () =>
            {
                var now = Clock.GetUtcNow();
                if (!await Store.TryAcquireLeaseAsync(instanceId, Options.Owner, now, now + Options.LeaseDuration, deadOwner, cancellationToken))
                {
                    var held = await Store.GetInstanceAsync(instanceId, cancellationToken)
                        ?? throw new WorkflowNotFoundException($"Instance '{instanceId}' does not exist.");
                    throw new InstanceLeasedException($"Instance '{instanceId}' is being run by {held.LeaseOwner} until {held.LeaseExpiresAt:O}.");
                }

                var instance = await Store.GetInstanceAsync(instanceId, cancellationToken)
                    ?? throw new WorkflowNotFoundException($"Instance '{instanceId}' does not exist.");
                var definition = _startedDefinitions.GetValueOrDefault((instance.DefinitionId, instance.DefinitionVersion))
                    ?? await _definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken)
                    ?? throw new WorkflowNotFoundException($"Instance '{instanceId}' runs '{instance.DefinitionId}' version {instance.DefinitionVersion}, which is not stored.");
                return new InstanceRun(this, instance, Compile(definition), persisted: true, LinkFor(instanceId, cancellationToken));
            },
            async run =>
            {
                try
                {
                    await action(run);
                }
                catch (Exception ex) when (ex is WorkflowStateException or WorkflowNotFoundException && run.Instance.Status != InstanceStatus.Running)
                {
                    // A refused request changed nothing; hand the lease back instead of letting it block others until it expires.
                    await run.ReleaseLeaseAsync();
                    throw;
                }
            });
    }

    private async Task<RunResult> RunGatedAsync(string instanceId, Func<InstanceRun> create, Func<InstanceRun, Task> action) =>
        await RunGatedAsync(instanceId, () => Task.FromResult(create()), action);

    private async Task<RunResult> RunGatedAsync(string instanceId, Func<Task<InstanceRun>> create, Func<InstanceRun, Task> action)
    {
        // One run per instance at a time in this process; the lease keeps other processes out.
        var gate = _gates.GetOrAdd(instanceId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        InstanceRun? run = null;
        try
        {
            run = await create();
            try
            {
                await action(run);
            }
            catch (OperationCanceledException) when (run.CancellationToken.IsCancellationRequested)
            {
                await run.CancelAsync();
            }

            return RunResult.Of(run.Instance);
        }
        finally
        {
            if (_running.TryRemove(instanceId, out var cts))
            {
                cts.Dispose();
            }

            // Still inside the gate, so a retry of a faulted instance cannot start before its resources are released.
            if (run is not null && run.Instance.Status is InstanceStatus.Finished or InstanceStatus.Faulted or InstanceStatus.Cancelled)
            {
                await NotifyEndedAsync(run.Instance);
            }

            gate.Release();
            if (gate.CurrentCount == 1)
            {
                _gates.TryRemove(new KeyValuePair<string, SemaphoreSlim>(instanceId, gate));
            }

            if (run is not null && run.Instance.ParentInstanceId is { } parentId && run.Instance.Status is InstanceStatus.Finished or InstanceStatus.Faulted or InstanceStatus.Cancelled)
            {
                await NotifyParentAsync(run.Instance, parentId);
            }
        }
    }

    private async Task RenewLeasesAsync()
    {
        foreach (var instanceId in _running.Keys)
        {
            try
            {
                var now = Clock.GetUtcNow();
                await Store.TryAcquireLeaseAsync(instanceId, Options.Owner, now, now + Options.LeaseDuration, null, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed renewal is retried at the next tick; the lease still has two thirds of its time left.
                Log.Write(instanceId, "", $"Lease renewal failed: {ex.Message}");
            }
        }
    }

    private CancellationToken LinkFor(string instanceId, CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running[instanceId] = cts;
        return cts.Token;
    }

    private async Task NotifyEndedAsync(WorkflowInstance instance)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.InstanceEndedAsync(instance.Id, instance.Status, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.Write(instance.Id, "", $"{observer.GetType().Name} failed after the instance ended ({instance.Status}): {ex.Message}");
            }
        }
    }

    private async Task NotifyParentAsync(WorkflowInstance child, string parentId)
    {
        var waiting = await Store.FindBookmarksAsync(BookmarkKinds.SubWorkflow, child.Id, CancellationToken.None);
        foreach (var bookmark in waiting.Where(b => b.InstanceId == parentId))
        {
            var payload = new JsonObject
            {
                ["status"] = child.Status.ToString(),
                ["output"] = child.State.Output.DeepClone(),
                ["incident"] = child.State.Incidents.LastOrDefault()?.Message,
            };
            await ResumeBookmarkAsync(bookmark.Id, payload, CancellationToken.None);
        }
    }
}
