using Automation.Engine.Masking;
using Automation.Engine.Persistence;
using Automation.Engine.Queues;
using Automation.Robots.Sessions;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Robots;

/// <summary>
/// The robots at work for operators: <c>GET /api/robots</c> (policy ReadInstances) lists the robot sessions this server
/// has open now, each with its target system, driver, workflow instance and the work-queue item that instance holds
/// under a lease (its business key masked like run-log text).
/// </summary>
public static class RobotsApi
{
    // Enough for every leased item of an ordinary installation (one per robot); more in one queue are left out.
    private const int MaxLeasedItemsPerQueue = 1000;
    private const int PageSize = 200;

    public static IEndpointRouteBuilder MapRobotsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/robots", ListAsync).WithTags("Robots").RequireAuthorization(Policies.ReadInstances);
        return app;
    }

    private static async Task<Ok<RobotsView>> ListAsync(
        RobotSessions sessions, IInstanceStore instances, IDefinitionStore definitions, IWorkQueueStore queues, TimeProvider clock, CancellationToken cancellationToken)
    {
        var open = sessions.List();
        var leased = await LeasedItemsAsync(queues, cancellationToken);
        var names = new Dictionary<(string, int), string?>();
        var views = new List<RobotSessionView>(open.Count);
        foreach (var session in open)
        {
            var instance = await instances.GetInstanceAsync(session.InstanceId, cancellationToken);
            string? name = null;
            if (instance is not null && !names.TryGetValue((instance.DefinitionId, instance.DefinitionVersion), out name))
            {
                name = (await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken))?.Name;
                names[(instance.DefinitionId, instance.DefinitionVersion)] = name;
            }

            views.Add(new RobotSessionView(
                session.Target,
                session.Kind,
                session.InstanceId,
                instance?.Status.ToString(),
                instance?.DefinitionId,
                instance?.DefinitionVersion,
                string.IsNullOrEmpty(name) ? instance?.DefinitionId : name,
                instance?.CorrelationId is { } correlation ? PersonalDataMasker.MaskText(correlation) : null,
                session.OpenedAt,
                instance?.UpdatedAt,
                leased.TryGetValue(session.InstanceId, out var item) ? RobotItemView.Of(item) : null));
        }

        // Items leased by someone without a session here: robot hosts on other machines, or flows that take items without robot steps.
        var withSession = open.Select(s => s.InstanceId).ToHashSet(StringComparer.Ordinal);
        var elsewhere = leased.Where(l => !withSession.Contains(l.Key))
            .OrderBy(l => l.Value.LeaseExpiresAt)
            .Select(l => new RobotLeaseView(l.Key, RobotItemView.Of(l.Value)))
            .ToList();
        return TypedResults.Ok(new RobotsView(clock.GetUtcNow(), views, elsewhere));
    }

    // The in-progress items by the instance holding their lease (GetNextItem leases to the instance id).
    private static async Task<Dictionary<string, WorkQueueItem>> LeasedItemsAsync(IWorkQueueStore queues, CancellationToken cancellationToken)
    {
        var leased = new Dictionary<string, WorkQueueItem>(StringComparer.Ordinal);
        foreach (var counts in await queues.CountsAsync(cancellationToken))
        {
            if (counts.States.GetValueOrDefault(WorkQueueItemState.InProgress) == 0)
            {
                continue;
            }

            for (var skip = 0; skip < MaxLeasedItemsPerQueue; skip += PageSize)
            {
                var page = await queues.ListAsync(counts.Queue, WorkQueueItemState.InProgress, skip, PageSize, cancellationToken);
                foreach (var item in page.Items.Where(i => i.LeaseOwner is not null))
                {
                    // An instance holds one item at a time; should it hold more, the latest taken is the one it works on.
                    if (!leased.TryGetValue(item.LeaseOwner!, out var other) || other.UpdatedAt < item.UpdatedAt)
                    {
                        leased[item.LeaseOwner!] = item;
                    }
                }

                if (skip + PageSize >= page.Total)
                {
                    break;
                }
            }
        }

        return leased;
    }
}

/// <summary>
/// The open robot sessions, the queue items leased by owners without a session on this server (robot hosts elsewhere),
/// and when they were read.
/// </summary>
public sealed record RobotsView(DateTimeOffset At, IReadOnlyList<RobotSessionView> Sessions, IReadOnlyList<RobotLeaseView> OtherLeases);

/// <summary>A queue item in progress whose lease owner (an instance id or a robot host's name) has no robot session here.</summary>
public sealed record RobotLeaseView(string Owner, RobotItemView Item);

/// <summary>
/// One open robot session. <paramref name="LastActivityAt"/> is when its instance last saved a step;
/// the item's lease times show the robot's last heartbeat on the queue.
/// </summary>
public sealed record RobotSessionView(
    string Target,
    string Kind,
    string InstanceId,
    string? InstanceStatus,
    string? WorkflowId,
    int? WorkflowVersion,
    string? WorkflowName,
    string? CorrelationId,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? LastActivityAt,
    RobotItemView? Item);

/// <summary>The work-queue item a session's instance holds; the business key is masked like run-log text (CPR numbers).</summary>
public sealed record RobotItemView(
    string Id,
    string Queue,
    string BusinessKey,
    int Attempts,
    bool InDoubt,
    DateTimeOffset TakenAt,
    DateTimeOffset LeaseRenewedAt,
    DateTimeOffset? LeaseExpiresAt)
{
    public static RobotItemView Of(WorkQueueItem item) => new(
        item.Id,
        item.Queue,
        PersonalDataMasker.MaskText(item.BusinessKey),
        item.Attempts,
        item.InDoubt,
        item.History.Count > 0 ? item.History[^1].StartedAt : item.UpdatedAt,
        item.UpdatedAt,
        item.LeaseExpiresAt);
}
