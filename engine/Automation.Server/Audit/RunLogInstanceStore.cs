using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Engine.RunLog;

namespace Automation.Server.Audit;

/// <summary>
/// Wraps the instance store so that each committed activity boundary is recorded in the run log after it is
/// durable: instance start, each activity execution, and status changes (suspend, resume, finish, fault, cancel,
/// retry). The runtime is not changed; without the run log registered nothing here runs.
/// </summary>
internal sealed class RunLogInstanceStore(IInstanceStore inner, IRunLog runLog, IHttpContextAccessor http) : IInstanceStore
{
    // Last status seen per instance, to tell a resume from a retry; finished instances are forgotten.
    private readonly ConcurrentDictionary<string, InstanceStatus> _status = new(StringComparer.Ordinal);

    public async ValueTask CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var instance = commit.Instance;
        InstanceStatus? before = commit.IsNew ? null
            : _status.TryGetValue(instance.Id, out var known) ? known
            : (await inner.GetInstanceAsync(instance.Id, cancellationToken))?.Status;

        await inner.CommitAsync(commit, cancellationToken);

        var actor = RunLogActors.Current(http);
        var correlation = new RunLogCorrelation
        {
            InstanceId = instance.Id,
            BusinessKey = instance.CorrelationId,
            WorkflowId = instance.DefinitionId,
            WorkflowVersion = instance.DefinitionVersion,
        };

        // One boundary gives up to three events: start them all in order, then wait once, so the commit waits for one
        // durable run-log write rather than one per event (IRunLog chains them in call order).
        var events = new List<RunLogEvent>(3);
        if (commit.IsNew)
        {
            events.Add(new RunLogEvent { Type = RunLogEventTypes.InstanceStarted, Actor = actor, Correlation = correlation, Outcome = "Started" });
        }

        // The runtime may go from Faulted or Suspended straight to the next activity boundary without committing
        // Running first, so a journal entry after such a status is itself the retry or resume.
        if (commit.Journal is not null && before is InstanceStatus.Faulted or InstanceStatus.Cancelled or InstanceStatus.Suspended)
        {
            var again = before == InstanceStatus.Suspended ? RunLogEventTypes.InstanceResumed : RunLogEventTypes.InstanceRetried;
            events.Add(new RunLogEvent { Type = again, Actor = actor, Correlation = correlation, Outcome = "Running" });
            before = InstanceStatus.Running;
        }

        if (commit.Journal is { } journal)
        {
            events.Add(new RunLogEvent
            {
                Type = RunLogEventTypes.ActivityExecuted,
                Actor = actor,
                Correlation = correlation,
                Outcome = journal.Outcome,
                Payload = new JsonObject
                {
                    ["activityId"] = journal.ActivityId,
                    ["activityType"] = journal.ActivityType,
                    ["step"] = journal.Sequence,
                    ["attempts"] = journal.Attempts,
                    ["startedAt"] = journal.StartedAt,
                    ["endedAt"] = journal.EndedAt,
                    ["inputs"] = journal.Inputs?.DeepClone(),
                    ["outputs"] = journal.Outputs?.DeepClone(),
                    ["exception"] = journal.Exception,

                    // The activity's own journal lines: for Robot.* steps the target, the selector candidate that
                    // matched, the value read or written and the verification (masked like the rest of the payload).
                    ["log"] = journal.Log is { Count: > 0 } lines ? new JsonArray([.. lines.Select(l => JsonValue.Create(l))]) : null,
                },
            });
        }

        if (StatusEvent(before, instance.Status) is { } type)
        {
            events.Add(new RunLogEvent { Type = type, Actor = actor, Correlation = correlation, Outcome = instance.Status.ToString() });
        }

        await Task.WhenAll(events.Select(e => runLog.AppendAsync(e, CancellationToken.None).AsTask()).ToList());

        if (instance.Status == InstanceStatus.Finished)
        {
            _status.TryRemove(instance.Id, out _);
        }
        else
        {
            _status[instance.Id] = instance.Status;
        }
    }

    private static string? StatusEvent(InstanceStatus? before, InstanceStatus now) => (before, now) switch
    {
        _ when before == now => null,
        (_, InstanceStatus.Suspended) => RunLogEventTypes.InstanceSuspended,
        (_, InstanceStatus.Finished) => RunLogEventTypes.InstanceFinished,
        (_, InstanceStatus.Faulted) => RunLogEventTypes.InstanceFaulted,
        (_, InstanceStatus.Cancelled) => RunLogEventTypes.InstanceCancelled,
        (InstanceStatus.Suspended, InstanceStatus.Running) => RunLogEventTypes.InstanceResumed,
        (InstanceStatus.Faulted or InstanceStatus.Cancelled, InstanceStatus.Running) => RunLogEventTypes.InstanceRetried,
        _ => null,
    };

    public ValueTask<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) => inner.GetInstanceAsync(instanceId, cancellationToken);

    public ValueTask<bool> TryAcquireLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, string? deadOwner, CancellationToken cancellationToken) =>
        inner.TryAcquireLeaseAsync(instanceId, owner, now, until, deadOwner, cancellationToken);

    public ValueTask<IReadOnlyList<string>> FindResumableAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.FindResumableAsync(now, cancellationToken);

    public ValueTask<IReadOnlyList<(string InstanceId, string? LeaseOwner)>> FindRunningAsync(CancellationToken cancellationToken) => inner.FindRunningAsync(cancellationToken);

    public ValueTask<IReadOnlyList<Bookmark>> FindBookmarksAsync(string kind, string? key, CancellationToken cancellationToken) => inner.FindBookmarksAsync(kind, key, cancellationToken);

    public ValueTask<Bookmark?> GetBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => inner.GetBookmarkAsync(bookmarkId, cancellationToken);

    public ValueTask<IReadOnlyList<Bookmark>> FindDueBookmarksAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken) => inner.FindDueBookmarksAsync(dueBefore, cancellationToken);

    public ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken) => inner.GetJournalAsync(instanceId, cancellationToken);
}
