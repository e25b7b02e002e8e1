using Automation.Connectors.FileDrops;
using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Automation.Engine.Validation;
using Automation.Server.Errors;
using Automation.Server.HttpTriggers;

namespace Automation.Server.Scheduling;

/// <summary>
/// The triggers of published workflows: checked before a version is published, and put in force after it is (cron
/// and timer triggers in Quartz, http triggers in the route table, drop folders in the file-drop watcher). At start-up every workflow's latest published
/// version is put in force again.
/// </summary>
internal sealed partial class WorkflowTriggers(IDefinitionStore definitions, ScheduledTriggers scheduled, HttpTriggerRoutes http, FileDropWatcher fileDrops, ILogger<WorkflowTriggers> logger)
{
    /// <summary>Validates the draft's triggers, publishes it, and replaces the workflow's triggers with the new version's.</summary>
    /// <exception cref="WorkflowDefinitionException">A trigger is not valid (400); nothing was published.</exception>
    /// <exception cref="ConflictException">An http trigger's path and method belong to another workflow (409); nothing was published.</exception>
    public async Task<WorkflowDefinition> PublishAsync(WorkflowDefinition draft, CancellationToken cancellationToken)
    {
        EnsureValid(draft);
        var published = await definitions.PublishAsync(draft.Id, cancellationToken);
        await ApplyAsync(published, cancellationToken);
        return published;
    }

    /// <summary>Throws when a trigger of <paramref name="definition"/> cannot be put in force.</summary>
    public void EnsureValid(WorkflowDefinition definition)
    {
        var problems = ScheduledTriggers.Validate(definition);
        problems.AddRange(HttpTriggerRoutes.Validate(definition));
        problems.AddRange(FileDropTrigger.Validate(definition));
        if (problems.Count > 0)
        {
            throw new WorkflowDefinitionException($"The triggers of '{definition.Id}'", problems);
        }

        if (http.FindConflict(definition) is { } conflict)
        {
            throw new ConflictException(conflict);
        }

        if (fileDrops.FindConflict(definition) is { } folderConflict)
        {
            throw new ConflictException(folderConflict);
        }
    }

    /// <summary>Puts the triggers of a newly published version in force, replacing the previous version's.</summary>
    public async Task ApplyAsync(WorkflowDefinition published, CancellationToken cancellationToken)
    {
        http.Replace(published.Id, published);
        await scheduled.SyncAsync(published.Id, published, cancellationToken);
        await fileDrops.SyncAsync(published, cancellationToken);
    }

    /// <summary>Puts the triggers of every workflow's latest published version in force and removes all others.</summary>
    public async Task ApplyAllAsync(CancellationToken cancellationToken)
    {
        var published = new List<WorkflowDefinition>();
        foreach (var info in await definitions.ListAsync(cancellationToken))
        {
            if (await definitions.GetAsync(info.Id, null, cancellationToken) is { } latest)
            {
                published.Add(latest);
            }
        }

        http.ReplaceAll(published);
        foreach (var definition in published)
        {
            try
            {
                await scheduled.SyncAsync(definition.Id, definition, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSyncFailed(logger, ex, definition.Id);
            }
        }

        await scheduled.RemoveOthersAsync(published.Select(d => d.Id).ToHashSet(StringComparer.Ordinal), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not schedule the triggers of {DefinitionId}")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, string definitionId);
}
