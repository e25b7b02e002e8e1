using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Expressions;
using Automation.Engine.Masking;
using Automation.Engine.Persistence;

namespace Automation.Engine.Runtime;

/// <summary>
/// Runs one instance until nothing more can run: executes tokens in order and commits the instance,
/// its journal entry and its bookmark changes in one store transaction after every activity.
/// </summary>
internal sealed class InstanceRun
{
    private readonly WorkflowRuntime _runtime;
    private readonly List<Bookmark> _added = [];
    private readonly List<string> _removed = [];
    private bool _persisted;

    public InstanceRun(WorkflowRuntime runtime, WorkflowInstance instance, CompiledWorkflow workflow, bool persisted, CancellationToken cancellationToken)
    {
        _runtime = runtime;
        Instance = instance;
        Workflow = workflow;
        _persisted = persisted;
        CancellationToken = cancellationToken;
    }

    public WorkflowInstance Instance { get; }

    public CompiledWorkflow Workflow { get; }

    public CancellationToken CancellationToken { get; }

    public TimeProvider Clock => _runtime.Clock;

    public IExpressionEvaluator Expressions => _runtime.Expressions;

    public IWorkflowLog Log => _runtime.Log;

    public WorkflowRuntimeOptions Options => _runtime.Options;

    /// <summary>Executes pending tokens until the instance finishes, suspends, faults or is cancelled.</summary>
    public async Task RunAsync()
    {
        var state = Instance.State;
        long steps = 0;
        while (Instance.Status == InstanceStatus.Running && state.Tokens.Count > 0)
        {
            if (++steps > Options.MaxStepsPerRun)
            {
                var token = state.Tokens[0];
                await FaultAsync(token, new WorkflowFaultException(
                    $"The instance ran {Options.MaxStepsPerRun:N0} activities without waiting; a loop probably never reaches its exit. Check the loop's Decision."), Clock.GetUtcNow());
                return;
            }

            var next = state.Tokens[0];
            state.Tokens.RemoveAt(0);
            await ExecuteAsync(next, null, null);
        }

        if (Instance.Status == InstanceStatus.Running && !_persisted)
        {
            // A flow with nothing to run still gets stored, so its id can be looked up.
            Settle();
            await CommitAsync(null);
        }
    }

    /// <summary>Continues the activity that created <paramref name="bookmark"/>, then runs what follows.</summary>
    /// <exception cref="ResumeRejectedException">The activity did not accept the payload; the instance still waits on the bookmark.</exception>
    public async Task ResumeAsync(Bookmark bookmark, JsonNode? payload)
    {
        var index = Instance.State.Bookmarks.FindIndex(b => b.Id == bookmark.Id);
        var status = Instance.Status;
        Instance.State.Bookmarks.RemoveAll(b => b.Id == bookmark.Id);
        _removed.Add(bookmark.Id);
        Instance.Status = InstanceStatus.Running;
        try
        {
            await ExecuteAsync(new Token(bookmark.ActivityId), bookmark, payload);
        }
        catch (ResumeRejectedException)
        {
            // A rejected answer changes nothing: the bookmark stays so the same person can answer again.
            // The commit only hands back the lease; the stored bookmark was never removed.
            _removed.Remove(bookmark.Id);
            Instance.State.Bookmarks.Insert(index < 0 ? Instance.State.Bookmarks.Count : index, bookmark);
            Instance.Status = status;
            await CommitAsync(null);
            throw;
        }

        await RunAsync();
    }

    /// <summary>Stores the instance as it is, which drops the lease of an instance that is not running.</summary>
    public Task ReleaseLeaseAsync() => CommitAsync(null);

    /// <summary>Marks the instance cancelled and stores that, with its bookmarks removed.</summary>
    public async Task CancelAsync()
    {
        foreach (var bookmark in Instance.State.Bookmarks)
        {
            _removed.Add(bookmark.Id);
        }

        Instance.State.Bookmarks.Clear();
        Instance.State.Tokens.Clear();
        Instance.Status = InstanceStatus.Cancelled;
        Instance.FinishedAt = Clock.GetUtcNow();
        await CommitAsync(null);
    }

    public void CancelUpstreamOf(string activityId)
    {
        var ancestors = Workflow.AncestorsOf(activityId);
        Instance.State.Tokens.RemoveAll(t => ancestors.Contains(t.Activity));
        foreach (var bookmark in Instance.State.Bookmarks.Where(b => ancestors.Contains(b.ActivityId)).ToList())
        {
            Instance.State.Bookmarks.Remove(bookmark);
            _removed.Add(bookmark.Id);
        }
    }

    public Task<RunResult> RunChildAsync(ActivityContext parent, string definitionId, int? version, JsonObject input, CancellationToken cancellationToken) =>
        _runtime.RunChildAsync(Instance, parent.ActivityId, definitionId, version, input, cancellationToken);

    private async Task ExecuteAsync(Token token, Bookmark? bookmark, JsonNode? payload)
    {
        if (!Workflow.Nodes.TryGetValue(token.Activity, out var node))
        {
            // Only possible when stored state refers to an activity a newer definition removed.
            await FaultAsync(token, new WorkflowFaultException($"Activity '{token.Activity}' no longer exists in version {Workflow.Definition.Version} of '{Workflow.Definition.Id}'."), Clock.GetUtcNow());
            return;
        }

        var started = Clock.GetUtcNow();
        var context = new ActivityContext(this, node, token, 1);
        ActivityResult result;
        try
        {
            result = await InvokeAsync(node, context, bookmark, payload);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ResumeRejectedException) when (bookmark is not null)
        {
            throw;
        }
        catch (Exception ex)
        {
            await FaultAsync(token, Unwrap(ex), started, context);
            return;
        }

        Instance.State.Step++;
        var outcome = Apply(node, result);
        Settle();
        await CommitAsync(JournalFor(node, context, started, outcome, null));
    }

    private async ValueTask<ActivityResult> InvokeAsync(CompiledNode node, ActivityContext context, Bookmark? bookmark, JsonNode? payload)
    {
        // Restored when this async method returns, so it never outlives the activity.
        ExecutingActivity.Set(context);
        var activity = node.Activity.Instance;
        if (bookmark is not null)
        {
            return await ((IResumable)activity).ResumeAsync(context, bookmark, payload, CancellationToken);
        }

        if (node.Pipeline is null)
        {
            return await activity.ExecuteAsync(context, CancellationToken);
        }

        var attempt = 0;
        return await node.Pipeline.ExecuteAsync(
            async (ctx, ct) =>
            {
                ctx.Attempt = ++attempt;
                return await activity.ExecuteAsync(ctx, ct);
            },
            context,
            CancellationToken);
    }

    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;

    private string Apply(CompiledNode node, ActivityResult result)
    {
        switch (result.Kind)
        {
            case ResultKind.Suspend:
                var request = result.Bookmark!;
                var bookmark = new Bookmark
                {
                    Id = Guid.CreateVersion7().ToString("N"),
                    InstanceId = Instance.Id,
                    ActivityId = node.Node.Id,
                    Kind = request.Kind,
                    Key = request.Key,
                    DueAt = request.DueAt,
                    Payload = request.Payload,
                    CreatedAt = Clock.GetUtcNow(),
                };
                Instance.State.Bookmarks.Add(bookmark);
                _added.Add(bookmark);
                return "Suspended";
            case ResultKind.EndWorkflow:
                Instance.State.Tokens.Clear();
                foreach (var pending in Instance.State.Bookmarks)
                {
                    _removed.Add(pending.Id);
                }

                Instance.State.Bookmarks.Clear();
                Instance.Status = InstanceStatus.Finished;
                return "Ended";
            default:
                foreach (var port in result.Ports)
                {
                    if (node.Outgoing.TryGetValue(port, out var targets))
                    {
                        foreach (var target in targets)
                        {
                            Instance.State.Tokens.Add(new Token(target, node.Node.Id, port));
                        }
                    }
                }

                return result.Ports.Count == 1 ? result.Ports[0] : string.Join(",", result.Ports);
        }
    }

    /// <summary>Decides the status once nothing is left to run, and fills declared outputs from same-named variables.</summary>
    private void Settle()
    {
        var state = Instance.State;
        if (Instance.Status == InstanceStatus.Running && state.Tokens.Count == 0)
        {
            Instance.Status = state.Bookmarks.Count > 0 ? InstanceStatus.Suspended : InstanceStatus.Finished;
        }

        if (Instance.Status == InstanceStatus.Finished)
        {
            Instance.FinishedAt ??= Clock.GetUtcNow();
            foreach (var output in Workflow.Definition.Outputs)
            {
                if (!state.Output.ContainsKey(output.Name) && state.Variables.TryGetPropertyValue(output.Name, out var value))
                {
                    state.Output[output.Name] = value?.DeepClone();
                }
            }
        }
    }

    private async Task FaultAsync(Token token, Exception exception, DateTimeOffset started, ActivityContext? context = null)
    {
        var node = Workflow.Nodes.GetValueOrDefault(token.Activity);
        var now = Clock.GetUtcNow();
        Instance.State.Step++;
        Instance.Status = InstanceStatus.Faulted;

        // The faulted token goes back first in line, so a retry runs exactly this activity again.
        Instance.State.Tokens.Insert(0, token);
        Instance.State.Incidents.Add(new Incident
        {
            ActivityId = token.Activity,
            ActivityType = node?.Node.Type ?? "",
            ExceptionType = exception.GetType().Name,
            Message = PersonalDataMasker.MaskText(exception.Message),
            StackTrace = exception is WorkflowFaultException or ExpressionException ? null : exception.StackTrace,
            At = now,
        });
        var journal = node is null ? null : JournalFor(node, context, started, "Faulted", exception);
        await CommitAsync(journal);
    }

    private JournalEntry JournalFor(CompiledNode node, ActivityContext? context, DateTimeOffset started, string outcome, Exception? exception) => new()
    {
        InstanceId = Instance.Id,
        Sequence = Instance.State.Step,
        ActivityId = node.Node.Id,
        ActivityType = node.Node.Type,
        StartedAt = started,
        EndedAt = Clock.GetUtcNow(),
        Outcome = outcome,
        Inputs = context?.JournalInputs,
        Outputs = context?.JournalOutputs,
        Log = context?.LogLines,
        Attempts = context?.Attempt ?? 1,
        Exception = exception is null ? null : $"{exception.GetType().Name}: {PersonalDataMasker.MaskText(exception.Message)}",
    };

    private async Task CommitAsync(JournalEntry? journal)
    {
        var now = Clock.GetUtcNow();
        Instance.UpdatedAt = now;
        if (Instance.Status == InstanceStatus.Running)
        {
            Instance.LeaseOwner = Options.Owner;
            Instance.LeaseExpiresAt = now + Options.LeaseDuration;
        }
        else
        {
            Instance.LeaseOwner = null;
            Instance.LeaseExpiresAt = null;
        }

        var added = _added.Count == 0 ? [] : _added.ToArray();
        var removed = _removed.Count == 0 ? [] : _removed.ToArray();
        _added.Clear();
        _removed.Clear();

        // Not cancellable: a boundary is written whole or not at all, even while the instance is being cancelled.
        await _runtime.Store.CommitAsync(
            new InstanceCommit { Instance = Instance, IsNew = !_persisted, Journal = journal, AddedBookmarks = added, RemovedBookmarkIds = removed },
            CancellationToken.None);
        _persisted = true;

        foreach (var bookmark in added)
        {
            if (bookmark.DueAt is not null)
            {
                await _runtime.Scheduler.ScheduleAsync(bookmark, CancellationToken.None);
            }
        }

        foreach (var id in removed)
        {
            await _runtime.Scheduler.UnscheduleAsync(id, CancellationToken.None);
        }
    }
}
