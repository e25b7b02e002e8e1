using System.Text.Json.Nodes;

namespace Automation.Engine.Queues;

/// <summary>Work queues held in memory (tests, single-process runs); one lock makes every operation atomic.</summary>
internal sealed class InMemoryWorkQueueStore(TimeProvider clock, WorkQueueOptions options) : IWorkQueueStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Queue, string Key), string> _keys = [];
    private long _sequence;

    public Task<WorkQueueAddResult> AddAsync(NewWorkQueueItem item, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var created = WorkQueueTransitions.Create(Guid.CreateVersion7(now).ToString("N"), item, now);
        lock (_lock)
        {
            if (_keys.TryGetValue((created.Queue, created.BusinessKey), out var existing))
            {
                return Task.FromResult(new WorkQueueAddResult(Copy(_items[existing].Item), Added: false));
            }

            _items[created.Id] = new Entry(created, ++_sequence);
            _keys[(created.Queue, created.BusinessKey)] = created.Id;
            return Task.FromResult(new WorkQueueAddResult(Copy(created), Added: true));
        }
    }

    public Task<WorkQueueItem?> TryTakeNextAsync(string queue, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        WorkQueueTransitions.ValidateQueue(queue);
        WorkQueueTransitions.ValidateLease(leaseDuration);
        var now = clock.GetUtcNow();
        var max = options.MaxAttemptsFor(queue);
        lock (_lock)
        {
            ExpireLeases(now);
            var next = WorkQueueTransitions.InTakeOrder(
                    _items.Values.Where(e => e.Item.Queue == queue && WorkQueueTransitions.IsReady(e.Item, now, max)), e => e.Item, e => e.Sequence)
                .FirstOrDefault();
            if (next is null)
            {
                return Task.FromResult<WorkQueueItem?>(null);
            }

            next.Item = WorkQueueTransitions.Take(next.Item, owner, leaseDuration, now);
            return Task.FromResult<WorkQueueItem?>(Copy(next.Item));
        }
    }

    public Task<WorkQueueItem> HeartbeatAsync(string itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        Change(itemId, (item, now) => WorkQueueTransitions.Heartbeat(item, owner, leaseDuration, now));

    public Task<WorkQueueItem> CompleteAsync(string itemId, string owner, WorkItemOutcome outcome, string? message, JsonNode? result, CancellationToken cancellationToken) =>
        Change(itemId, (item, now) => WorkQueueTransitions.Complete(item, owner, outcome, message, result, now, options));

    public Task<WorkQueueItem> RetryAsync(string itemId, CancellationToken cancellationToken) =>
        Change(itemId, WorkQueueTransitions.Retry);

    public Task<WorkQueueItem> ResolveAsync(string itemId, string reason, string user, CancellationToken cancellationToken) =>
        Change(itemId, (item, now) => WorkQueueTransitions.Resolve(item, reason, user, now));

    public Task<WorkQueuePage> ListAsync(string queue, WorkQueueItemState? state, int skip, int take, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ExpireLeases(clock.GetUtcNow());
            var matching = _items.Values
                .Where(e => e.Item.Queue == queue && (state is null || e.Item.State == state))
                .OrderBy(e => e.Sequence)
                .ToList();
            var page = matching.Skip(Math.Max(skip, 0)).Take(Math.Max(take, 0)).Select(e => Copy(e.Item)).ToList();
            return Task.FromResult(new WorkQueuePage(page, matching.Count));
        }
    }

    public Task<IReadOnlyList<WorkQueueCounts>> CountsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ExpireLeases(clock.GetUtcNow());
            IReadOnlyList<WorkQueueCounts> counts = _items.Values
                .GroupBy(e => e.Item.Queue, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new WorkQueueCounts(g.Key, g.GroupBy(e => e.Item.State).ToDictionary(s => s.Key, s => s.Count())))
                .ToList();
            return Task.FromResult(counts);
        }
    }

    public Task<WorkQueueItem?> GetAsync(string itemId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ExpireLeases(clock.GetUtcNow());
            return Task.FromResult(_items.TryGetValue(itemId, out var entry) ? Copy(entry.Item) : null);
        }
    }

    private Task<WorkQueueItem> Change(string itemId, Func<WorkQueueItem, DateTimeOffset, WorkQueueItem> change)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            ExpireLeases(now);
            if (!_items.TryGetValue(itemId, out var entry))
            {
                throw new WorkQueueItemNotFoundException(itemId);
            }

            entry.Item = change(entry.Item, now);
            return Task.FromResult(Copy(entry.Item));
        }
    }

    private void ExpireLeases(DateTimeOffset now)
    {
        foreach (var entry in _items.Values)
        {
            if (WorkQueueTransitions.IsExpired(entry.Item, now))
            {
                entry.Item = WorkQueueTransitions.Expire(entry.Item, now);
            }
        }
    }

    // Callers get their own JSON trees, so changing a payload they were handed cannot change the stored item.
    private static WorkQueueItem Copy(WorkQueueItem item) =>
        item with { Payload = (JsonObject)item.Payload.DeepClone(), Result = item.Result?.DeepClone() };

    private sealed class Entry(WorkQueueItem item, long sequence)
    {
        public WorkQueueItem Item { get; set; } = item;

        public long Sequence { get; } = sequence;
    }
}
