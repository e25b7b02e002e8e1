using Automation.Data.Queues;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

/// <summary>
/// The durable store's schema: definition versions, instances, bookmarks and the journal. The schema is created and
/// upgraded by migrations (<see cref="AutomationDatabase.MigrateAsync"/>); the hot commit path writes with prepared
/// SQLite commands against the same tables, so table and column names here are part of that contract.
/// </summary>
public sealed class AutomationDbContext : DbContext
{
    public AutomationDbContext(DbContextOptions<AutomationDbContext> options)
        : base(options)
    {
    }

    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();

    public DbSet<InstanceRow> Instances => Set<InstanceRow>();

    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();

    public DbSet<JournalRow> Journal => Set<JournalRow>();

    public DbSet<WorkQueueItemRow> WorkQueueItems => Set<WorkQueueItemRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Applies to DateTimeOffset? as well.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<InstanceStatus>().HaveConversion<string>();
        configurationBuilder.Properties<DefinitionState>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DefinitionRow>(e =>
        {
            e.ToTable("Definitions");
            e.HasKey(d => new { d.Id, d.Version });
        });

        modelBuilder.Entity<InstanceRow>(e =>
        {
            e.ToTable("Instances");
            e.HasKey(i => i.Id);

            // Crash recovery looks for Running instances whose lease expired.
            e.HasIndex(i => new { i.Status, i.LeaseExpiresAt });

            // Most instances have neither; partial indexes keep those out, so starting one costs fewer index writes.
            // A lookup by value (`= @id`) still uses them.
            e.HasIndex(i => i.CorrelationId).HasFilter("\"CorrelationId\" IS NOT NULL");
            e.HasIndex(i => i.ParentInstanceId).HasFilter("\"ParentInstanceId\" IS NOT NULL");
        });

        modelBuilder.Entity<BookmarkRow>(e =>
        {
            e.ToTable("Bookmarks");
            e.HasKey(b => b.Id);
            e.HasIndex(b => new { b.Kind, b.Key });
            e.HasIndex(b => b.DueAt).HasFilter("\"DueAt\" IS NOT NULL");
            e.HasIndex(b => b.InstanceId);
        });

        modelBuilder.Entity<JournalRow>(e =>
        {
            e.ToTable("Journal");
            e.HasKey(j => new { j.InstanceId, j.Sequence });
        });

        WorkQueueItemRow.Configure(modelBuilder);
    }
}
