using Automation.Engine.Definitions;

namespace Automation.Engine.Persistence;

/// <summary>Whether a stored definition version can still change.</summary>
public enum DefinitionState
{
    Draft,
    Published,
}

/// <summary>A stored version of a definition.</summary>
public sealed record DefinitionVersionInfo(string Id, int Version, DefinitionState State, string Name, DateTimeOffset SavedAt, string ContentHash);

/// <summary>
/// Definitions with versions. There is at most one draft per id (version 0); publishing freezes a copy
/// as the next version number. A published version never changes.
/// </summary>
public interface IDefinitionStore
{
    /// <summary>Creates or replaces the draft of <paramref name="definition"/>.Id.</summary>
    ValueTask SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken);

    /// <summary>Freezes the current draft as the next version and returns it. Throws if there is no draft.</summary>
    ValueTask<WorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes <paramref name="definition"/> as is, unless the latest published version has the same content,
    /// in which case that version is returned. Used when a file is run directly.
    /// </summary>
    ValueTask<WorkflowDefinition> PublishIfChangedAsync(WorkflowDefinition definition, CancellationToken cancellationToken);

    /// <summary>A version (0 = the draft), or the latest published when <paramref name="version"/> is null.</summary>
    ValueTask<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<DefinitionVersionInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the draft only; published versions stay.</summary>
    ValueTask<bool> DeleteDraftAsync(string definitionId, CancellationToken cancellationToken);
}
