using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Masking;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Server.Definitions;
using Automation.Server.Errors;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Instances;

/// <summary>Instances for operators: list with filters, details, journal, cancel, retry from the faulted activity.</summary>
public static class InstancesApi
{
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadInstances);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.ReadInstances);
        group.MapGet("/{id}/journal", JournalAsync).RequireAuthorization(Policies.ReadInstances);
        group.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(Policies.RunInstances);
        group.MapPost("/{id}/retry", RetryAsync).RequireAuthorization(Policies.RunInstances);
        return app;
    }

    private static async Task<Results<Ok<Page<InstanceSummaryView>>, ProblemHttpResult>> ListAsync(
        IInstanceQueries queries, string? definitionId, string? status, string? correlationId, DateTimeOffset? from, DateTimeOffset? to, int? skip, int? take, CancellationToken cancellationToken)
    {
        InstanceStatus? parsed = null;
        if (!string.IsNullOrEmpty(status))
        {
            // Names only: Enum.TryParse would also take "7" or "1,2".
            var s = Enum.GetValues<InstanceStatus>().Cast<InstanceStatus?>().FirstOrDefault(v => string.Equals(v.ToString(), status, StringComparison.OrdinalIgnoreCase));
            if (s is null)
            {
                return ApiProblems.BadRequest("Bad filter", $"Unknown status '{status}'; use one of {string.Join(", ", Enum.GetNames<InstanceStatus>())}.");
            }

            parsed = s;
        }

        if (skip < 0 || take is < 1 or > MaxPageSize)
        {
            return ApiProblems.BadRequest("Bad paging", $"skip must be 0 or more and take between 1 and {MaxPageSize} (asked: skip {skip?.ToString(CultureInfo.InvariantCulture) ?? "0"}, take {take?.ToString(CultureInfo.InvariantCulture) ?? "50"}).");
        }

        if (from > to)
        {
            return ApiProblems.BadRequest("Bad filter", $"'from' ({from:O}) is after 'to' ({to:O}); swap them.");
        }

        var page = await queries.ListAsync(new InstanceFilter(definitionId, parsed, correlationId, from, to), skip ?? 0, take ?? 50, cancellationToken);
        return TypedResults.Ok(new Page<InstanceSummaryView>(page.Items.Select(InstanceSummaryView.Of).ToList(), page.Total, page.Skip, page.Take));
    }

    private static async Task<Results<Ok<InstanceDetails>, ProblemHttpResult>> GetAsync(string id, IInstanceStore store, IDefinitionStore definitions, CancellationToken cancellationToken)
    {
        var instance = await store.GetInstanceAsync(id, cancellationToken);
        if (instance is null)
        {
            return ApiProblems.NotFound($"There is no instance '{id}'.");
        }

        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        return TypedResults.Ok(InstanceDetails.Of(instance, definition));
    }

    private static async Task<Results<Ok<IReadOnlyList<JournalEntry>>, ProblemHttpResult>> JournalAsync(string id, IInstanceStore store, CancellationToken cancellationToken)
    {
        if (await store.GetInstanceAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"There is no instance '{id}'.");
        }

        return TypedResults.Ok(await store.GetJournalAsync(id, cancellationToken));
    }

    /// <summary>Cancels a running, suspended or faulted instance; one that already ended cannot be cancelled (409).</summary>
    private static async Task<Ok<InstanceResult>> CancelAsync(string id, WorkflowRuntime runtime, IInstanceStore store, CancellationToken cancellationToken)
    {
        var instance = await store.GetInstanceAsync(id, cancellationToken) ?? throw new WorkflowNotFoundException($"There is no instance '{id}'.");
        if (instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
        {
            throw new ConflictException($"Instance '{id}' is {instance.Status} already; only a running, suspended or faulted instance can be cancelled.");
        }

        return TypedResults.Ok(InstanceResult.Of(await runtime.CancelAsync(id, cancellationToken)));
    }

    private static async Task<Ok<InstanceResult>> RetryAsync(string id, WorkflowRuntime runtime, IInstanceStore store, CancellationToken cancellationToken)
    {
        var instance = await store.GetInstanceAsync(id, cancellationToken) ?? throw new WorkflowNotFoundException($"There is no instance '{id}'.");
        if (instance.Status != InstanceStatus.Faulted)
        {
            throw new ConflictException($"Instance '{id}' is {instance.Status}; only a faulted instance can be retried.");
        }

        try
        {
            return TypedResults.Ok(InstanceResult.Of(await runtime.RetryAsync(id, cancellationToken)));
        }
        catch (WorkflowStateException ex)
        {
            // Its status changed between the check above and the retry (another operator retried or cancelled it).
            throw new ConflictException(ex.Message, ex);
        }
    }
}

/// <summary>One line of the instance list; the status is spelled as in the other instance answers (Finished, Faulted).</summary>
public sealed record InstanceSummaryView(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    string Status,
    string? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static InstanceSummaryView Of(InstanceSummary s) => new(
        s.Id, s.DefinitionId, s.DefinitionVersion, s.Status.ToString(), s.CorrelationId, s.CreatedAt, s.UpdatedAt, s.FinishedAt);
}

/// <summary>An instance with its variables and incidents. Values of inputs and variables marked personal are masked.</summary>
public sealed record InstanceDetails(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    string Status,
    string? CorrelationId,
    string? ParentInstanceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    JsonObject Input,
    JsonObject Variables,
    JsonObject Output,
    IReadOnlyList<IncidentView> Incidents,
    IReadOnlyList<BookmarkView> Bookmarks,
    IReadOnlyList<string> PendingActivities)
{
    public static InstanceDetails Of(WorkflowInstance instance, WorkflowDefinition? definition)
    {
        var personalInputs = definition?.Inputs.Where(i => i.Personal).Select(i => i.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var personalVariables = definition?.Variables.Where(v => v.Personal).Select(v => v.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var personalOutputs = definition?.Outputs.Where(o => o.Personal).Select(o => o.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        return new InstanceDetails(
            instance.Id,
            instance.DefinitionId,
            instance.DefinitionVersion,
            instance.Status.ToString(),
            instance.CorrelationId,
            instance.ParentInstanceId,
            instance.CreatedAt,
            instance.UpdatedAt,
            instance.FinishedAt,
            Masked(instance.State.Input, personalInputs),
            Masked(instance.State.Variables, personalVariables),
            Masked(instance.State.Output, personalOutputs),
            instance.State.Incidents.Select(IncidentView.Of).ToList(),
            instance.State.Bookmarks.Select(BookmarkView.Of).ToList(),
            instance.State.Tokens.Select(t => t.Activity).ToList());
    }

    private static JsonObject Masked(JsonObject values, HashSet<string> personal)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in values)
        {
            copy[name] = PersonalDataMasker.Mask(value, personal.Contains(name));
        }

        return copy;
    }
}

/// <summary>A bookmark as the API shows it.</summary>
public sealed record BookmarkView(string Id, string ActivityId, string Kind, string? Key, DateTimeOffset? DueAt, JsonObject? Payload, DateTimeOffset CreatedAt)
{
    public static BookmarkView Of(Bookmark bookmark) => new(bookmark.Id, bookmark.ActivityId, bookmark.Kind, bookmark.Key, bookmark.DueAt, bookmark.Payload, bookmark.CreatedAt);
}
