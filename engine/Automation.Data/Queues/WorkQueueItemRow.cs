using Automation.Engine.Queues;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Queues;

/// <summary>
/// One work queue item. The schema comes from EF Core migrations; <see cref="SqliteWorkQueueStore"/> reads and writes
/// it with plain SQL, so the table and column names here are part of that contract.
/// </summary>
public sealed class WorkQueueItemRow
{
    public string Id { get; set; } = "";

    public string Queue { get; set; } = "";

    public string BusinessKey { get; set; } = "";

    /// <summary>The payload as JSON.</summary>
    public string Payload { get; set; } = "{}";

    public int Priority { get; set; }

    public DateTimeOffset? Deadline { get; set; }

    public WorkQueueItemState State { get; set; }

    public bool InDoubt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? Message { get; set; }

    /// <summary>The last reported result as JSON.</summary>
    public string? Result { get; set; }

    /// <summary>The attempts as a JSON array.</summary>
    public string History { get; set; } = "[]";

    /// <summary>An operator's resolution as JSON.</summary>
    public string? Resolution { get; set; }

    /// <summary>Table, keys and indexes; called from the context's model building.</summary>
    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<WorkQueueItemRow>(e =>
    {
        e.ToTable("WorkQueueItems");
        e.HasKey(i => i.Id);
        e.Property(i => i.State).HasConversion<string>();

        // Adding a key the queue already has must find the existing item, never make a second one.
        e.HasIndex(i => new { i.Queue, i.BusinessKey }).IsUnique();

        // Taking the next item filters by queue and state, then orders by priority.
        e.HasIndex(i => new { i.Queue, i.State, i.Priority });

        // Finding leases that ran out.
        e.HasIndex(i => new { i.State, i.LeaseExpiresAt });
    });
}
