using System.Collections.Concurrent;
using System.Text.Json;
using Automation.Data.Schema;
using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Definitions;

/// <summary>
/// Definition versions in a SQLite file, with the rules of <see cref="InMemoryDefinitionStore"/>: one draft
/// (version 0) per id, publishing freezes the next version number, and a published version never changes.
/// Get one from <see cref="AutomationDatabase"/>.
/// </summary>
public sealed class SqliteDefinitionStore : IDefinitionStore
{
    private readonly IDbContextFactory<AutomationDbContext> _contexts;
    private readonly TimeProvider _clock;

    // Published versions are immutable, so one object per version can be handed out, as the in-memory store does:
    // the runtime's compiled-workflow cache is keyed by definition object.
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> _published = new();

    internal SqliteDefinitionStore(IDbContextFactory<AutomationDbContext> contexts, TimeProvider clock)
    {
        _contexts = contexts;
        _clock = clock;
    }

    public async ValueTask SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var draft = Clone(definition, version: 0);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Definitions.AsTracking().FirstOrDefaultAsync(d => d.Id == draft.Id && d.Version == 0, cancellationToken);
        if (row is null)
        {
            db.Definitions.Add(Row(draft, DefinitionState.Draft));
        }
        else
        {
            var replacement = Row(draft, DefinitionState.Draft);
            row.Name = replacement.Name;
            row.Content = replacement.Content;
            row.ContentHash = replacement.ContentHash;
            row.SavedAt = replacement.SavedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask<WorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);

        // BEGIN IMMEDIATE: two processes publishing at once are serialized, so they cannot pick the same number.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var draft = await db.Definitions.AsTracking().FirstOrDefaultAsync(d => d.Id == definitionId && d.Version == 0, cancellationToken)
            ?? throw new InvalidOperationException($"Workflow '{definitionId}' has no draft to publish; save a draft first.");
        var next = await NextVersionAsync(db, definitionId, cancellationToken);
        var published = Clone(Deserialize(draft.Content), next);
        db.Definitions.Add(Row(published, DefinitionState.Published));
        db.Definitions.Remove(draft);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return _published.GetOrAdd((published.Id, published.Version), published);
    }

    public async ValueTask<WorkflowDefinition> PublishIfChangedAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var hash = InMemoryDefinitionStore.ContentHash(definition);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var latest = await db.Definitions
            .Where(d => d.Id == definition.Id && d.Version > 0)
            .OrderByDescending(d => d.Version)
            .Select(d => new { d.Version, d.ContentHash })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.ContentHash == hash)
        {
            await transaction.CommitAsync(cancellationToken);
            return await LoadPublishedAsync(db, definition.Id, latest.Version, cancellationToken)
                ?? throw new InvalidOperationException($"Workflow '{definition.Id}' version {latest.Version} vanished while it was read.");
        }

        var published = Clone(definition, await NextVersionAsync(db, definition.Id, cancellationToken));
        db.Definitions.Add(Row(published, DefinitionState.Published));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return _published.GetOrAdd((published.Id, published.Version), published);
    }

    public async ValueTask<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        if (version is > 0 && _published.TryGetValue((definitionId, version.Value), out var cached))
        {
            return cached;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        if (version == 0)
        {
            var draft = await db.Definitions.FirstOrDefaultAsync(d => d.Id == definitionId && d.Version == 0, cancellationToken);
            return draft is null ? null : Deserialize(draft.Content);
        }

        var wanted = version ?? await db.Definitions
            .Where(d => d.Id == definitionId && d.Version > 0)
            .OrderByDescending(d => d.Version)
            .Select(d => (int?)d.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return wanted is { } v ? await LoadPublishedAsync(db, definitionId, v, cancellationToken) : null;
    }

    public async ValueTask<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Infos(db.Definitions.Where(d => d.Id == definitionId)).ToListAsync(cancellationToken);
        return rows.OrderBy(i => i.Version).ToList();
    }

    public async ValueTask<IReadOnlyList<DefinitionVersionInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Infos(db.Definitions).ToListAsync(cancellationToken);

        // The highest version of each id (the draft only when nothing is published), as the in-memory store lists.
        return rows.GroupBy(i => i.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(i => i.Version)!)
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async ValueTask<bool> DeleteDraftAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Definitions.Where(d => d.Id == definitionId && d.Version == 0).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static IQueryable<DefinitionVersionInfo> Infos(IQueryable<DefinitionRow> rows) =>
        rows.Select(d => new DefinitionVersionInfo(d.Id, d.Version, d.State, d.Name, d.SavedAt, d.ContentHash));

    private static async Task<int> NextVersionAsync(AutomationDbContext db, string definitionId, CancellationToken cancellationToken)
    {
        var max = await db.Definitions.Where(d => d.Id == definitionId).MaxAsync(d => (int?)d.Version, cancellationToken);
        return Math.Max(1, (max ?? 0) + 1);
    }

    private async Task<WorkflowDefinition?> LoadPublishedAsync(AutomationDbContext db, string definitionId, int version, CancellationToken cancellationToken)
    {
        if (_published.TryGetValue((definitionId, version), out var cached))
        {
            return cached;
        }

        var content = await db.Definitions
            .Where(d => d.Id == definitionId && d.Version == version)
            .Select(d => d.Content)
            .FirstOrDefaultAsync(cancellationToken);
        return content is null ? null : _published.GetOrAdd((definitionId, version), Deserialize(content));
    }

    private DefinitionRow Row(WorkflowDefinition definition, DefinitionState state) => new()
    {
        Id = definition.Id,
        Version = definition.Version,
        State = state,
        Name = definition.Name,
        Content = JsonSerializer.Serialize(definition, WorkflowJson.Compact),
        ContentHash = InMemoryDefinitionStore.ContentHash(definition),
        SavedAt = _clock.GetUtcNow(),
    };

    private static WorkflowDefinition Clone(WorkflowDefinition definition, int version)
    {
        var copy = Deserialize(JsonSerializer.Serialize(definition, WorkflowJson.Compact));
        copy.Version = version;
        return copy;
    }

    private static WorkflowDefinition Deserialize(string content) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(content, WorkflowJson.Compact)
        ?? throw new InvalidOperationException("A stored workflow definition is empty; the database file was changed outside the product.");
}
