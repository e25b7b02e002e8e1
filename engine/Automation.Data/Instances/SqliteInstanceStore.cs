using Automation.Data.Schema;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Instances;

/// <summary>
/// Instances, bookmarks and the journal in a SQLite file. Commits and lease changes go through one group-commit
/// writer; reads go through EF Core on pooled connections, which WAL lets run beside the writer.
/// Get one from <see cref="AutomationDatabase"/>.
/// </summary>
public sealed class SqliteInstanceStore : IInstanceStore, IInstanceQueries
{
    private readonly CommitWriter _writer;
    private readonly IDbContextFactory<AutomationDbContext> _contexts;

    internal SqliteInstanceStore(CommitWriter writer, IDbContextFactory<AutomationDbContext> contexts)
    {
        _writer = writer;
        _contexts = contexts;
    }

    /// <summary>Transactions the writer has committed so far; fewer than commits when commits were grouped.</summary>
    public long Transactions => _writer.Transactions;

    /// <inheritdoc />
    /// <remarks>
    /// Returns once the transaction holding this commit is durable. <paramref name="cancellationToken"/> is honoured
    /// only before the commit is queued: a queued commit is written whole, never half.
    /// </remarks>
    public ValueTask CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask(_writer.EnqueueAsync(new CommitOperation(commit)));
    }

    public async ValueTask<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        return row is null ? null : RowMapping.ToInstance(row);
    }

    public async ValueTask<bool> TryAcquireLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, string? deadOwner, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Through the writer, so it is ordered with this process's commits and never waits on our own write lock.
        return await _writer.EnqueueAsync(new LeaseOperation(instanceId, owner, now, until, deadOwner));
    }

    public async ValueTask<IReadOnlyList<string>> FindResumableAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Instances
            .Where(i => i.Status == InstanceStatus.Running && (i.LeaseOwner == null || i.LeaseExpiresAt <= now))
            .OrderBy(i => i.CreatedAt)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<(string InstanceId, string? LeaseOwner)>> FindRunningAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Instances
            .Where(i => i.Status == InstanceStatus.Running)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new { i.Id, i.LeaseOwner })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.LeaseOwner)).ToList();
    }

    public async ValueTask<IReadOnlyList<Bookmark>> FindBookmarksAsync(string kind, string? key, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Bookmarks.Where(b => b.Kind == kind);
        if (key is not null)
        {
            query = query.Where(b => b.Key == key);
        }

        var rows = await query.OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
        return rows.Select(RowMapping.ToBookmark).ToList();
    }

    public async ValueTask<Bookmark?> GetBookmarkAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Bookmarks.FirstOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
        return row is null ? null : RowMapping.ToBookmark(row);
    }

    public async ValueTask<IReadOnlyList<Bookmark>> FindDueBookmarksAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Bookmarks
            .Where(b => b.DueAt != null && b.DueAt <= dueBefore)
            .OrderBy(b => b.DueAt)
            .ToListAsync(cancellationToken);
        return rows.Select(RowMapping.ToBookmark).ToList();
    }

    public async ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Journal
            .Where(j => j.InstanceId == instanceId)
            .OrderBy(j => j.Sequence)
            .ToListAsync(cancellationToken);
        return rows.Select(RowMapping.ToJournal).ToList();
    }

    public async ValueTask<Page<InstanceSummary>> ListAsync(InstanceFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Instances.AsNoTracking().AsQueryable();
        if (filter.DefinitionId is { } definitionId)
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.CorrelationId is { } correlationId)
        {
            query = query.Where(i => i.CorrelationId == correlationId);
        }

        if (filter.CreatedFrom is { } from)
        {
            query = query.Where(i => i.CreatedAt >= from);
        }

        if (filter.CreatedTo is { } to)
        {
            query = query.Where(i => i.CreatedAt < to);
        }

        var total = await query.CountAsync(cancellationToken);

        // The list never loads the state documents: only the columns a list shows.
        var rows = await query
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(skip).Take(take)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
            .ToListAsync(cancellationToken);
        return new Page<InstanceSummary>(rows, total, skip, take);
    }
}
