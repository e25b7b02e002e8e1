using System.Text.Json.Nodes;

namespace Automation.Engine.Queues;

/// <summary>Where an item is in its life.</summary>
public enum WorkQueueItemState
{
    /// <summary>Waiting to be taken (also after an application error, once its retry time has come).</summary>
    New,

    /// <summary>Taken by a robot that holds a lease on it.</summary>
    InProgress,

    /// <summary>Finished successfully (or resolved by an operator).</summary>
    Done,

    /// <summary>The data itself is wrong (for example an unknown patient); never retried.</summary>
    BusinessFailed,

    /// <summary>The application failed on every allowed attempt; an operator may retry or resolve it.</summary>
    AppFailed,

    /// <summary>The robot's lease ran out mid-item: the work may or may not have been done, so whoever takes it next must look first.</summary>
    InDoubt,
}

/// <summary>How a robot reports an attempt.</summary>
public enum WorkItemOutcome
{
    Done,
    BusinessFailed,
    AppFailed,
}

/// <summary>How one attempt ended.</summary>
public enum WorkQueueAttemptOutcome
{
    Done,
    BusinessFailed,
    AppFailed,

    /// <summary>The lease expired before the robot reported anything.</summary>
    InDoubt,
}

/// <summary>One attempt at an item: who took it, when, and how it ended (open while it is in progress).</summary>
public sealed record WorkQueueAttempt(int Number, string Owner, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, WorkQueueAttemptOutcome? Outcome, string? Message, bool InDoubt);

/// <summary>An operator's decision that a failed or in-doubt item is done.</summary>
public sealed record WorkQueueResolution(string Reason, string By, DateTimeOffset At);

/// <summary>A unit of work in a named queue.</summary>
public sealed record WorkQueueItem
{
    public required string Id { get; init; }

    public required string Queue { get; init; }

    /// <summary>The caller's key (a referral number); unique within the queue.</summary>
    public required string BusinessKey { get; init; }

    public required JsonObject Payload { get; init; }

    /// <summary>Higher is taken first.</summary>
    public int Priority { get; init; }

    /// <summary>Within a priority, earlier deadlines are taken first; items without one come last.</summary>
    public DateTimeOffset? Deadline { get; init; }

    public WorkQueueItemState State { get; init; }

    /// <summary>True while an in-doubt item is handed out again: the robot must check what the previous attempt did.</summary>
    public bool InDoubt { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>How many times the item was taken.</summary>
    public int Attempts { get; init; }

    /// <summary>After an application error: not taken again before this time.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The last attempt's message (masked).</summary>
    public string? Message { get; init; }

    /// <summary>What the robot reported with its last outcome.</summary>
    public JsonNode? Result { get; init; }

    public IReadOnlyList<WorkQueueAttempt> History { get; init; } = [];

    public WorkQueueResolution? Resolution { get; init; }
}

/// <summary>An item to add.</summary>
/// <param name="Queue">The queue's name, for example <c>referrals</c>.</param>
/// <param name="BusinessKey">Unique within the queue; adding it again returns the existing item.</param>
/// <param name="Payload">What the robot needs to do the work.</param>
/// <param name="Priority">Higher is taken first.</param>
/// <param name="Deadline">Within a priority, earlier is taken first.</param>
public sealed record NewWorkQueueItem(string Queue, string BusinessKey, JsonObject? Payload = null, int Priority = 0, DateTimeOffset? Deadline = null);

/// <summary>The item with that business key, and whether this call added it (false: it was already there).</summary>
public sealed record WorkQueueAddResult(WorkQueueItem Item, bool Added);

/// <summary>One page of a queue's items and how many match in all.</summary>
public sealed record WorkQueuePage(IReadOnlyList<WorkQueueItem> Items, int Total);

/// <summary>How many items a queue has in each state (states with none are left out).</summary>
public sealed record WorkQueueCounts(string Queue, IReadOnlyDictionary<WorkQueueItemState, int> States);
