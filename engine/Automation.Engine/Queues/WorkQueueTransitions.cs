using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Engine.Masking;

namespace Automation.Engine.Queues;

/// <summary>
/// The queue's rules as pure functions of an item and the time, shared by every store so that the in-memory and
/// SQLite stores behave the same. Each returns the changed item or throws, changing nothing.
/// </summary>
public static class WorkQueueTransitions
{
    /// <summary>Checks a new item's names and builds it.</summary>
    public static WorkQueueItem Create(string id, NewWorkQueueItem item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        ValidateQueue(item.Queue);
        if (string.IsNullOrWhiteSpace(item.BusinessKey))
        {
            throw new ArgumentException($"The item for queue '{item.Queue}' has no business key; give each item a key that is unique in the queue, such as the referral number.", nameof(item));
        }

        return new WorkQueueItem
        {
            Id = id,
            Queue = item.Queue,
            BusinessKey = item.BusinessKey,
            Payload = (JsonObject?)item.Payload?.DeepClone() ?? [],
            Priority = item.Priority,
            Deadline = item.Deadline,
            State = WorkQueueItemState.New,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Throws when a queue name is blank.</summary>
    public static void ValidateQueue(string queue)
    {
        if (string.IsNullOrWhiteSpace(queue))
        {
            throw new ArgumentException("The queue name is empty; name the queue, for example 'referrals'.", nameof(queue));
        }
    }

    /// <summary>Throws when a lease is not positive.</summary>
    public static void ValidateLease(TimeSpan leaseDuration)
    {
        if (leaseDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "The lease must be longer than zero; give a duration such as 00:05:00.");
        }
    }

    /// <summary>Whether an in-progress item's lease has run out.</summary>
    public static bool IsExpired(WorkQueueItem item, DateTimeOffset now) =>
        item.State == WorkQueueItemState.InProgress && item.LeaseExpiresAt <= now;

    /// <summary>Marks an item whose lease ran out as in doubt, closing its attempt.</summary>
    public static WorkQueueItem Expire(WorkQueueItem item, DateTimeOffset now)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"The lease of '{item.LeaseOwner}' ran out at {item.LeaseExpiresAt:u} before it reported a result; check whether the work was done before doing it again.");
        return item with
        {
            State = WorkQueueItemState.InDoubt,
            InDoubt = true,
            LeaseOwner = null,
            LeaseExpiresAt = null,
            UpdatedAt = now,
            Message = message,
            History = CloseLast(item.History, item.LeaseExpiresAt ?? now, WorkQueueAttemptOutcome.InDoubt, message),
        };
    }

    /// <summary>Whether the item may be taken now: New and due, or in doubt with attempts left.</summary>
    public static bool IsReady(WorkQueueItem item, DateTimeOffset now, int maxAttempts) => item.State switch
    {
        WorkQueueItemState.New => item.NextAttemptAt is null || item.NextAttemptAt <= now,
        WorkQueueItemState.InDoubt => item.Attempts < maxAttempts,
        _ => false,
    };

    /// <summary>Hands the item to <paramref name="owner"/>, starting a new attempt.</summary>
    public static WorkQueueItem Take(WorkQueueItem item, string owner, TimeSpan leaseDuration, DateTimeOffset now)
    {
        var inDoubt = item.State == WorkQueueItemState.InDoubt;
        var attempt = new WorkQueueAttempt(item.Attempts + 1, owner, now, null, null, null, inDoubt);
        return item with
        {
            State = WorkQueueItemState.InProgress,
            InDoubt = inDoubt,
            LeaseOwner = owner,
            LeaseExpiresAt = now + leaseDuration,
            Attempts = item.Attempts + 1,
            NextAttemptAt = null,
            UpdatedAt = now,
            History = [.. item.History, attempt],
        };
    }

    /// <summary>Extends the owner's lease.</summary>
    public static WorkQueueItem Heartbeat(WorkQueueItem item, string owner, TimeSpan leaseDuration, DateTimeOffset now)
    {
        ValidateLease(leaseDuration);
        RequireOwner(item, owner, "extend the lease of");
        return item with { LeaseExpiresAt = now + leaseDuration, UpdatedAt = now };
    }

    /// <summary>Ends the owner's attempt with its outcome; application errors are retried after a growing delay.</summary>
    public static WorkQueueItem Complete(WorkQueueItem item, string owner, WorkItemOutcome outcome, string? message, JsonNode? result, DateTimeOffset now, WorkQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireOwner(item, owner, "report a result for");
        var masked = message is null ? null : PersonalDataMasker.MaskText(message);
        var attemptOutcome = outcome switch
        {
            WorkItemOutcome.Done => WorkQueueAttemptOutcome.Done,
            WorkItemOutcome.BusinessFailed => WorkQueueAttemptOutcome.BusinessFailed,
            WorkItemOutcome.AppFailed => WorkQueueAttemptOutcome.AppFailed,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Report Done, BusinessFailed or AppFailed."),
        };
        var retry = outcome == WorkItemOutcome.AppFailed && item.Attempts < options.MaxAttemptsFor(item.Queue);
        var state = outcome switch
        {
            WorkItemOutcome.Done => WorkQueueItemState.Done,
            WorkItemOutcome.BusinessFailed => WorkQueueItemState.BusinessFailed,
            _ => retry ? WorkQueueItemState.New : WorkQueueItemState.AppFailed,
        };
        return item with
        {
            State = state,
            InDoubt = false,
            LeaseOwner = null,
            LeaseExpiresAt = null,
            NextAttemptAt = retry ? now + options.RetryDelayAfter(item.Attempts) : null,
            UpdatedAt = now,
            Message = masked,
            Result = result?.DeepClone(),
            History = CloseLast(item.History, now, attemptOutcome, masked),
        };
    }

    /// <summary>Operator: a failed or in-doubt item goes back to New, ready now.</summary>
    public static WorkQueueItem Retry(WorkQueueItem item, DateTimeOffset now)
    {
        RequireSettled(item, "retried");
        return item with { State = WorkQueueItemState.New, InDoubt = false, NextAttemptAt = null, UpdatedAt = now };
    }

    /// <summary>Operator: a failed or in-doubt item is marked Done with the reason.</summary>
    public static WorkQueueItem Resolve(WorkQueueItem item, string reason, string user, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"Resolving item '{item.Id}' needs a reason; say why it counts as done, for example 'checked in the target system: transferred'.", nameof(reason));
        }

        RequireSettled(item, "resolved");
        return item with
        {
            State = WorkQueueItemState.Done,
            InDoubt = false,
            NextAttemptAt = null,
            UpdatedAt = now,
            Resolution = new WorkQueueResolution(PersonalDataMasker.MaskText(reason), string.IsNullOrWhiteSpace(user) ? "unknown" : user, now),
        };
    }

    /// <summary>Sorts items the way they are taken: priority (high first), deadline (early first, none last), then age.</summary>
    public static IOrderedEnumerable<T> InTakeOrder<T>(IEnumerable<T> items, Func<T, WorkQueueItem> item, Func<T, long> sequence) =>
        items.OrderByDescending(i => item(i).Priority)
            .ThenBy(i => item(i).Deadline is null ? 1 : 0)
            .ThenBy(i => item(i).Deadline)
            .ThenBy(sequence);

    private static void RequireOwner(WorkQueueItem item, string owner, string action)
    {
        if (item.State != WorkQueueItemState.InProgress || !string.Equals(item.LeaseOwner, owner, StringComparison.Ordinal))
        {
            var holder = item.State == WorkQueueItemState.InProgress ? $"'{item.LeaseOwner}' holds it" : $"it is {item.State}";
            throw new WorkQueueConflictException(
                $"'{owner}' cannot {action} item '{item.Id}' ({item.Queue}/{item.BusinessKey}): {holder}. Its lease may have run out; take the next item again and check what was done.");
        }
    }

    private static void RequireSettled(WorkQueueItem item, string verb)
    {
        if (item.State is not (WorkQueueItemState.AppFailed or WorkQueueItemState.BusinessFailed or WorkQueueItemState.InDoubt))
        {
            throw new WorkQueueConflictException(
                $"Item '{item.Id}' ({item.Queue}/{item.BusinessKey}) is {item.State}; only AppFailed, BusinessFailed and InDoubt items can be {verb}.");
        }
    }

    private static IReadOnlyList<WorkQueueAttempt> CloseLast(IReadOnlyList<WorkQueueAttempt> history, DateTimeOffset endedAt, WorkQueueAttemptOutcome outcome, string? message)
    {
        if (history.Count == 0)
        {
            return history;
        }

        var list = history.ToList();
        list[^1] = list[^1] with { EndedAt = endedAt, Outcome = outcome, Message = message };
        return list;
    }
}
