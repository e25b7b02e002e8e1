using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Automation.Engine.RunLog;

namespace Automation.Server.Audit;

/// <summary>
/// Wraps the definition store so that each publish is recorded in the run log, with what changed against the
/// version before it (activities added, removed, changed).
/// </summary>
internal sealed class RunLogDefinitionStore(IDefinitionStore inner, IRunLog runLog, IHttpContextAccessor http) : IDefinitionStore
{
    public async ValueTask<WorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken)
    {
        var previous = await inner.GetAsync(definitionId, null, cancellationToken);
        var published = await inner.PublishAsync(definitionId, cancellationToken);
        await RecordAsync(previous, published);
        return published;
    }

    public async ValueTask<WorkflowDefinition> PublishIfChangedAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var previous = await inner.GetAsync(definition.Id, null, cancellationToken);
        var published = await inner.PublishIfChangedAsync(definition, cancellationToken);
        if (previous is null || previous.Version != published.Version)
        {
            await RecordAsync(previous, published);
        }

        return published;
    }

    private async Task RecordAsync(WorkflowDefinition? previous, WorkflowDefinition published)
    {
        var before = previous?.Root.Activities.ToDictionary(a => a.Id, a => System.Text.Json.JsonSerializer.Serialize(a), StringComparer.Ordinal) ?? [];
        var after = published.Root.Activities.ToDictionary(a => a.Id, a => System.Text.Json.JsonSerializer.Serialize(a), StringComparer.Ordinal);
        await runLog.AppendAsync(new RunLogEvent
        {
            Type = RunLogEventTypes.DefinitionPublished,
            Actor = RunLogActors.Current(http),
            Correlation = new RunLogCorrelation { WorkflowId = published.Id, WorkflowVersion = published.Version },
            Outcome = "Published",
            Payload = new JsonObject
            {
                ["name"] = published.Name,
                ["previousVersion"] = previous?.Version,
                ["added"] = new JsonArray([.. after.Keys.Except(before.Keys).Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]),
                ["removed"] = new JsonArray([.. before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]),
                ["changed"] = new JsonArray([.. after.Keys.Where(k => before.TryGetValue(k, out var old) && old != after[k]).Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]),
            },
        }, CancellationToken.None);
    }

    public async ValueTask SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);

        // Against the draft being replaced, else the latest published version.
        var previous = await inner.GetAsync(definition.Id, 0, cancellationToken) ?? await inner.GetAsync(definition.Id, null, cancellationToken);
        await inner.SaveDraftAsync(definition, cancellationToken);

        // The API's import endpoint saves a draft too; the request path tells an import from an edit.
        var imported = http.HttpContext?.Request.Path.Value?.EndsWith("/import", StringComparison.OrdinalIgnoreCase) == true;
        var payload = Diff(previous, definition);
        payload["name"] = definition.Name;
        payload["previousVersion"] = previous?.Version;
        if (imported)
        {
            payload["format"] = definition.ImportedFrom ?? "automation";
        }

        await runLog.AppendAsync(new RunLogEvent
        {
            Type = imported ? AuditEventTypes.DefinitionImported : AuditEventTypes.DefinitionDraftSaved,
            Actor = RunLogActors.Current(http),
            Correlation = new RunLogCorrelation { WorkflowId = definition.Id },
            Outcome = "Saved",
            Payload = payload,
        }, CancellationToken.None);
    }

    public async ValueTask<bool> DeleteDraftAsync(string definitionId, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteDraftAsync(definitionId, cancellationToken);
        if (deleted)
        {
            await runLog.AppendAsync(new RunLogEvent
            {
                Type = AuditEventTypes.DefinitionDraftDeleted,
                Actor = RunLogActors.Current(http),
                Correlation = new RunLogCorrelation { WorkflowId = definitionId },
                Outcome = "Deleted",
            }, CancellationToken.None);
        }

        return deleted;
    }

    /// <summary>Activity ids added, removed and changed from <paramref name="previous"/> to <paramref name="next"/>.</summary>
    private static JsonObject Diff(WorkflowDefinition? previous, WorkflowDefinition next)
    {
        var before = previous?.Root.Activities.ToDictionary(a => a.Id, a => System.Text.Json.JsonSerializer.Serialize(a), StringComparer.Ordinal) ?? [];
        var after = next.Root.Activities.ToDictionary(a => a.Id, a => System.Text.Json.JsonSerializer.Serialize(a), StringComparer.Ordinal);
        static JsonArray Ids(IEnumerable<string> ids) => new([.. ids.Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]);
        return new JsonObject
        {
            ["added"] = Ids(after.Keys.Except(before.Keys)),
            ["removed"] = Ids(before.Keys.Except(after.Keys)),
            ["changed"] = Ids(after.Keys.Intersect(before.Keys).Where(k => before[k] != after[k])),
        };
    }

    public ValueTask<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken) => inner.GetAsync(definitionId, version, cancellationToken);

    public ValueTask<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) => inner.ListVersionsAsync(definitionId, cancellationToken);

    public ValueTask<IReadOnlyList<DefinitionVersionInfo>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

}
