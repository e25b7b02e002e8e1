using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Masking;
using Automation.Engine.Persistence;
using Automation.Engine.Queues;
using Automation.Server.Errors;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Queues;

/// <summary>Work queues for operators: counts per state, items, and retrying or resolving failed and in-doubt items.</summary>
public static class QueuesApi
{
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queues").WithTags("Queues");
        group.MapGet("/", CountsAsync).RequireAuthorization(Policies.ReadInstances);
        group.MapGet("/{name}/items", ListAsync).RequireAuthorization(Policies.ReadInstances);
        group.MapGet("/items/{id}", GetAsync).RequireAuthorization(Policies.ReadInstances);
        group.MapPost("/items/{id}/retry", RetryAsync).RequireAuthorization(Policies.RunInstances);
        group.MapPost("/items/{id}/resolve", ResolveAsync).RequireAuthorization(Policies.RunInstances);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<QueueCountsView>>> CountsAsync(IWorkQueueStore queues, CancellationToken cancellationToken)
    {
        var counts = await queues.CountsAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<QueueCountsView>>(counts.Select(QueueCountsView.Of).ToList());
    }

    private static async Task<Results<Ok<Page<QueueItemView>>, ProblemHttpResult>> ListAsync(
        string name, string? state, int? skip, int? take, IWorkQueueStore queues, CancellationToken cancellationToken)
    {
        WorkQueueItemState? parsed = null;
        if (!string.IsNullOrEmpty(state))
        {
            // Names only: Enum.TryParse would also take "3".
            parsed = Enum.GetValues<WorkQueueItemState>().Cast<WorkQueueItemState?>().FirstOrDefault(v => string.Equals(v.ToString(), state, StringComparison.OrdinalIgnoreCase));
            if (parsed is null)
            {
                return ApiProblems.BadRequest("Bad filter", $"Unknown state '{state}'; use one of {string.Join(", ", Enum.GetNames<WorkQueueItemState>())}.");
            }
        }

        if (skip < 0 || take is < 1 or > MaxPageSize)
        {
            return ApiProblems.BadRequest("Bad paging", $"skip must be 0 or more and take between 1 and {MaxPageSize} (asked: skip {skip?.ToString(CultureInfo.InvariantCulture) ?? "0"}, take {take?.ToString(CultureInfo.InvariantCulture) ?? "50"}).");
        }

        var page = await queues.ListAsync(name, parsed, skip ?? 0, take ?? 50, cancellationToken);
        return TypedResults.Ok(new Page<QueueItemView>(page.Items.Select(QueueItemView.Of).ToList(), page.Total, skip ?? 0, take ?? 50));
    }

    private static async Task<Results<Ok<QueueItemView>, ProblemHttpResult>> GetAsync(string id, IWorkQueueStore queues, CancellationToken cancellationToken) =>
        await queues.GetAsync(id, cancellationToken) is { } item
            ? TypedResults.Ok(QueueItemView.Of(item))
            : ApiProblems.NotFound($"There is no work queue item '{id}'; GET /api/queues/{{name}}/items lists a queue's items.");

    /// <summary>Puts an AppFailed, BusinessFailed or InDoubt item back to New; any other state answers 409.</summary>
    private static Task<Results<Ok<QueueItemView>, ProblemHttpResult>> RetryAsync(string id, IWorkQueueStore queues, CancellationToken cancellationToken) =>
        ChangeAsync(() => queues.RetryAsync(id, cancellationToken));

    /// <summary>Marks an AppFailed, BusinessFailed or InDoubt item Done, recording the reason and the signed-in user.</summary>
    private static async Task<Results<Ok<QueueItemView>, ProblemHttpResult>> ResolveAsync(
        string id, ResolveRequest? request, ClaimsPrincipal user, IWorkQueueStore queues, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return ApiProblems.BadRequest("No reason", "Say why the item counts as done: {\"reason\": \"checked in the target system: transferred\"}.");
        }

        var who = user.Identity?.Name ?? "unknown";
        return await ChangeAsync(() => queues.ResolveAsync(id, request.Reason, who, cancellationToken));
    }

    private static async Task<Results<Ok<QueueItemView>, ProblemHttpResult>> ChangeAsync(Func<Task<WorkQueueItem>> change)
    {
        try
        {
            return TypedResults.Ok(QueueItemView.Of(await change()));
        }
        catch (WorkQueueItemNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (WorkQueueConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }
}

/// <summary>The reason an operator gives for resolving an item.</summary>
public sealed record ResolveRequest(string? Reason);

/// <summary>A queue and how many items it has in each state (every state is listed, zero included).</summary>
public sealed record QueueCountsView(string Queue, IReadOnlyDictionary<string, int> Counts, int Total)
{
    public static QueueCountsView Of(WorkQueueCounts counts) => new(
        counts.Queue,
        Enum.GetValues<WorkQueueItemState>().ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), s => counts.States.GetValueOrDefault(s)),
        counts.States.Values.Sum());
}

/// <summary>
/// An item as operators see it; states and outcomes are spelled as in the other answers (InDoubt, AppFailed).
/// Values in the payload and result that look like CPR numbers are masked.
/// </summary>
public sealed record QueueItemView(
    string Id,
    string Queue,
    string BusinessKey,
    JsonNode? Payload,
    int Priority,
    DateTimeOffset? Deadline,
    string State,
    bool InDoubt,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Message,
    JsonNode? Result,
    IReadOnlyList<QueueAttemptView> History,
    WorkQueueResolution? Resolution)
{
    public static QueueItemView Of(WorkQueueItem i) => new(
        i.Id,
        i.Queue,
        i.BusinessKey,
        PersonalDataMasker.Mask(i.Payload, personal: false),
        i.Priority,
        i.Deadline,
        i.State.ToString(),
        i.InDoubt,
        i.LeaseOwner,
        i.LeaseExpiresAt,
        i.Attempts,
        i.NextAttemptAt,
        i.CreatedAt,
        i.UpdatedAt,
        i.Message,
        PersonalDataMasker.Mask(i.Result, personal: false),
        i.History.Select(QueueAttemptView.Of).ToList(),
        i.Resolution);
}

/// <summary>One attempt at an item.</summary>
public sealed record QueueAttemptView(int Number, string Owner, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, string? Message, bool InDoubt)
{
    public static QueueAttemptView Of(WorkQueueAttempt a) => new(a.Number, a.Owner, a.StartedAt, a.EndedAt, a.Outcome?.ToString(), a.Message, a.InDoubt);
}
