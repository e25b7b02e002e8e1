using System.Collections.Concurrent;
using Automation.Engine.Masking;
using Automation.Engine.Queues;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Microsoft.Extensions.Options;

namespace Automation.Robots.Evidence;

/// <summary>
/// Evidence per work-queue item without steps in the flow: when an instance takes an item, every open session that
/// can trace starts a trace chunk; when the item's result is reported, each session's screen is photographed and its
/// chunk stopped, both stored content-addressed and named in the SetItemResult step's journal. Failing to record
/// evidence never fails the item: it becomes a warning line.
/// </summary>
public sealed class QueueItemEvidence(RobotSessions sessions, IEvidenceStore store, IOptions<RobotOptions> options) : IWorkQueueItemObserver
{
    // How long one evidence step (a screenshot, stopping a trace) may take before the item goes on without it.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, ItemRecording> _items = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<string>> ItemTakenAsync(WorkQueueItemEvent item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!options.Value.QueueItemEvidence)
        {
            return [];
        }

        var lines = new List<string>();
        var recording = new ItemRecording(item);
        if (_items.TryRemove(item.InstanceId, out var unfinished))
        {
            // The flow took another item without reporting this one: its chunks must stop before new ones can start.
            foreach (var (target, session) in unfinished.Traced)
            {
                lines.Add(await SaveTraceAsync(unfinished, target, session, "(its result was never reported)", cancellationToken).ConfigureAwait(false));
            }
        }

        _items[item.InstanceId] = recording;
        foreach (var (target, session) in sessions.ForInstance(item.InstanceId))
        {
            if (await StartAsync(recording, target, session, cancellationToken).ConfigureAwait(false) is { } warning)
            {
                lines.Add(warning);
            }
        }

        var traced = recording.Traced.Select(t => $"'{t.Target}'").ToList();
        if (traced.Count > 0)
        {
            lines.Add($"Tracing item {Describe(item)} in {string.Join(", ", traced)}");
        }

        return lines;
    }

    public async Task<IReadOnlyList<string>> ItemEndingAsync(WorkQueueItemEvent item, WorkItemOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!options.Value.QueueItemEvidence)
        {
            return [];
        }

        var lines = new List<string>();
        ItemRecording? recording = null;
        if (_items.TryGetValue(item.InstanceId, out var current) && current.Item.ItemId == item.ItemId && _items.TryRemove(new(item.InstanceId, current)))
        {
            recording = current;
            lock (recording.Lines)
            {
                lines.AddRange(recording.Lines);
            }

        }

        foreach (var (target, session) in sessions.ForInstance(item.InstanceId))
        {
            lines.Add(await SaveScreenshotAsync(item, outcome, target, session, cancellationToken).ConfigureAwait(false));
            if (recording is not null && recording.Traced.Any(t => ReferenceEquals(t.Session, session)))
            {
                lines.Add(await SaveTraceAsync(recording, target, session, "", cancellationToken).ConfigureAwait(false));
            }
        }

        return lines;
    }

    /// <summary>A session opened while an item is in progress (a new sign-in) is traced from then on.</summary>
    /// <returns>A warning for the journal when its trace could not start.</returns>
    public async Task<string?> SessionOpenedAsync(string instanceId, string target, IRobotSession session, CancellationToken cancellationToken) =>
        _items.TryGetValue(instanceId, out var recording) ? await StartAsync(recording, target, session, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>
    /// Keeps the trace of a session that closes while an item is in progress (Close, or Open replacing it); its
    /// reference is named when the item's result is reported.
    /// </summary>
    public async Task SessionClosingAsync(string instanceId, string target, IRobotSession session, CancellationToken cancellationToken)
    {
        if (_items.TryGetValue(instanceId, out var recording) && recording.Traced.Any(t => ReferenceEquals(t.Session, session)))
        {
            var line = await SaveTraceAsync(recording, target, session, "(closed during the item)", cancellationToken).ConfigureAwait(false);
            lock (recording.Lines)
            {
                recording.Lines.Add(line);
            }
        }
    }

    /// <summary>Drops what is kept of an instance's item once the instance has ended; its sessions close with it.</summary>
    public void Forget(string instanceId) => _items.TryRemove(instanceId, out _);

    private static string Describe(WorkQueueItemEvent item) => PersonalDataMasker.MaskText($"{item.Queue}/{item.BusinessKey}");

    private static async Task<string?> StartAsync(ItemRecording recording, string target, IRobotSession session, CancellationToken cancellationToken)
    {
        if (session is not ITracingSession tracing)
        {
            return null;
        }

        try
        {
            if (tracing.IsTracing)
            {
                return $"Warning: no trace of item {Describe(recording.Item)} in '{target}': the session is still recording another trace.";
            }

            await tracing.StartTraceAsync($"{Describe(recording.Item)} (item {recording.Item.ItemId})", cancellationToken).WaitAsync(StepTimeout, cancellationToken).ConfigureAwait(false);
            recording.Add(target, session);
            return null;
        }
        catch (Exception ex) when (IsEvidenceFailure(ex, cancellationToken))
        {
            return $"Warning: no trace of item {Describe(recording.Item)} in '{target}': {ex.Message}";
        }
    }

    private async Task<string> SaveScreenshotAsync(WorkQueueItemEvent item, WorkItemOutcome outcome, string target, IRobotSession session, CancellationToken cancellationToken)
    {
        try
        {
            var png = await session.ScreenshotAsync(cancellationToken).WaitAsync(StepTimeout, cancellationToken).ConfigureAwait(false);
            using var content = new MemoryStream(png, writable: false);
            var reference = await store.SaveAsync(content, EvidenceMediaTypes.Png, cancellationToken).ConfigureAwait(false);
            return $"Screenshot of '{target}' at the end of item {Describe(item)} ({outcome}): {reference}";
        }
        catch (Exception ex) when (IsEvidenceFailure(ex, cancellationToken))
        {
            return $"Warning: no screenshot of '{target}' at the end of item {Describe(item)}: {ex.Message}";
        }
    }

    private async Task<string> SaveTraceAsync(ItemRecording recording, string target, IRobotSession session, string note, CancellationToken cancellationToken)
    {
        recording.Remove(session);
        var item = Describe(recording.Item);
        string? path = null;
        try
        {
            path = await ((ITracingSession)session).StopTraceAsync(cancellationToken).WaitAsync(StepTimeout, cancellationToken).ConfigureAwait(false);
            if (path is null)
            {
                return $"Warning: no trace of item {item} in '{target}': the session was not recording.";
            }

            EvidenceReference reference;
            await using (var content = File.OpenRead(path))
            {
                reference = await store.SaveAsync(content, EvidenceMediaTypes.Trace, cancellationToken).ConfigureAwait(false);
            }

            return $"Trace of item {item} in '{target}'{(note.Length == 0 ? "" : " " + note)}: {reference}";
        }
        catch (Exception ex) when (IsEvidenceFailure(ex, cancellationToken))
        {
            return $"Warning: no trace of item {item} in '{target}': {ex.Message}";
        }
        finally
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
    }

    private static bool IsEvidenceFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is RobotException or IOException or UnauthorizedAccessException or TimeoutException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The item an instance works on, the sessions tracing it, and lines kept for its end.</summary>
    private sealed class ItemRecording(WorkQueueItemEvent item)
    {
        private readonly List<(string Target, IRobotSession Session)> _traced = [];

        public WorkQueueItemEvent Item { get; } = item;

        public List<string> Lines { get; } = [];

        public IReadOnlyList<(string Target, IRobotSession Session)> Traced
        {
            get
            {
                lock (_traced)
                {
                    return [.. _traced];
                }
            }
        }

        public void Add(string target, IRobotSession session)
        {
            lock (_traced)
            {
                _traced.Add((target, session));
            }
        }

        public void Remove(IRobotSession session)
        {
            lock (_traced)
            {
                _traced.RemoveAll(t => ReferenceEquals(t.Session, session));
            }
        }
    }
}
