using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Automation.Engine.Definitions;

namespace Automation.Engine.Persistence;

/// <summary>Definitions in memory, with the same draft/publish rules as the durable store.</summary>
public sealed class InMemoryDefinitionStore : IDefinitionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<int, (WorkflowDefinition Definition, DefinitionVersionInfo Info)>> _byId = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public InMemoryDefinitionStore(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    /// <summary>A stable hash of a definition's content, ignoring its version number.</summary>
    public static string ContentHash(WorkflowDefinition definition)
    {
        var copy = Clone(definition);
        copy.Version = 0;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(copy, WorkflowJson.Compact))));
    }

    public ValueTask SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var draft = Clone(definition);
        draft.Version = 0;
        lock (_lock)
        {
            Versions(definition.Id)[0] = (draft, Info(draft, DefinitionState.Draft));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<WorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var versions = Versions(definitionId);
            if (!versions.TryGetValue(0, out var draft))
            {
                throw new InvalidOperationException($"Workflow '{definitionId}' has no draft to publish; save a draft first.");
            }

            var published = Clone(draft.Definition);
            published.Version = versions.Keys.Max() + 1;
            versions[published.Version] = (published, Info(published, DefinitionState.Published));
            versions.Remove(0);
            return ValueTask.FromResult(published);
        }
    }

    public ValueTask<WorkflowDefinition> PublishIfChangedAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var hash = ContentHash(definition);
        lock (_lock)
        {
            var versions = Versions(definition.Id);
            var latest = versions.Where(v => v.Key > 0).Select(v => v.Value).LastOrDefault();
            if (latest.Definition is not null && latest.Info.ContentHash == hash)
            {
                return ValueTask.FromResult(latest.Definition);
            }

            var published = Clone(definition);
            published.Version = versions.Count == 0 ? 1 : Math.Max(1, versions.Keys.Max() + 1);
            versions[published.Version] = (published, Info(published, DefinitionState.Published));
            return ValueTask.FromResult(published);
        }
    }

    public ValueTask<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(definitionId, out var versions))
            {
                return ValueTask.FromResult<WorkflowDefinition?>(null);
            }

            if (version is { } v)
            {
                return ValueTask.FromResult(versions.TryGetValue(v, out var found) ? found.Definition : null);
            }

            return ValueTask.FromResult(versions.Where(e => e.Key > 0).Select(e => e.Value.Definition).LastOrDefault());
        }
    }

    public ValueTask<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<DefinitionVersionInfo>>(
                _byId.TryGetValue(definitionId, out var versions) ? versions.Values.Select(v => v.Info).ToList() : []);
        }
    }

    public ValueTask<IReadOnlyList<DefinitionVersionInfo>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<DefinitionVersionInfo>>(_byId.Values.Select(v => v.Values.Last().Info).ToList());
        }
    }

    public ValueTask<bool> DeleteDraftAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_byId.TryGetValue(definitionId, out var versions) && versions.Remove(0));
        }
    }

    private static WorkflowDefinition Clone(WorkflowDefinition definition) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(JsonSerializer.Serialize(definition, WorkflowJson.Compact), WorkflowJson.Compact)!;

    private SortedDictionary<int, (WorkflowDefinition Definition, DefinitionVersionInfo Info)> Versions(string id)
    {
        if (!_byId.TryGetValue(id, out var versions))
        {
            _byId[id] = versions = [];
        }

        return versions;
    }

    private DefinitionVersionInfo Info(WorkflowDefinition definition, DefinitionState state) =>
        new(definition.Id, definition.Version, state, definition.Name, _clock.GetUtcNow(), ContentHash(definition));
}
