using System.Security.Claims;
using System.Text.Json.Nodes;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;
using Automation.Server.Audit;
using Automation.Server.Errors;
using Automation.Server.Evidence;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Tasks;

/// <summary>
/// The evidence a task's instance has recorded (the robot's screenshots), for whoever may answer the task: the
/// person deciding sees what the robot saw without needing the operators' access to every instance.
/// <c>GET /api/tasks/{id}/evidence</c> lists the references named in the instance's journal, newest first (at most 50);
/// <c>GET /api/tasks/{id}/evidence/{sha256}</c> sends one of them, recorded in the run log like every evidence read.
/// </summary>
public static class TaskEvidenceApi
{
    // A flow working through a long queue photographs every item; the person deciding needs the newest few.
    private const int MaxListed = 50;

    public static IEndpointRouteBuilder MapTaskEvidenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");
        group.MapGet("/{id}/evidence", ListAsync).RequireAuthorization(Policies.AnyUser);
        group.MapGet("/{id}/evidence/{sha256}", ReadAsync).RequireAuthorization(Policies.AnyUser);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<TaskEvidenceView>>, ProblemHttpResult>> ListAsync(
        string id, ClaimsPrincipal user, IInstanceStore store, IEvidenceStore evidence, CancellationToken cancellationToken)
    {
        var (bookmark, problem) = await FindTaskAsync(id, user, store, cancellationToken);
        if (bookmark is null)
        {
            return problem!;
        }

        var found = new List<TaskEvidenceView>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in (await store.GetJournalAsync(bookmark.InstanceId, cancellationToken)).OrderByDescending(e => e.Sequence))
        {
            foreach (var line in Enumerable.Reverse(entry.Log ?? []))
            {
                foreach (var reference in EvidenceReference.FindAll(line))
                {
                    if (found.Count < MaxListed && seen.Add(reference.Sha256))
                    {
                        var mediaType = await evidence.MediaTypeOfAsync(reference, cancellationToken);
                        found.Add(new TaskEvidenceView(reference.ToString(), reference.Sha256, mediaType, entry.ActivityId, entry.ActivityType, entry.EndedAt, line));
                    }
                }
            }
        }

        return TypedResults.Ok<IReadOnlyList<TaskEvidenceView>>(found);
    }

    private static async Task<IResult> ReadAsync(
        string id, string sha256, HttpContext http, ClaimsPrincipal user, IInstanceStore store, IEvidenceStore evidence, CancellationToken cancellationToken)
    {
        var (bookmark, problem) = await FindTaskAsync(id, user, store, cancellationToken);
        if (bookmark is null)
        {
            return problem!;
        }

        if (!EvidenceReference.TryParse(EvidenceReference.Prefix + sha256, out var reference))
        {
            return ApiProblems.BadRequest("Not an evidence hash", $"'{sha256}' is not a SHA-256 hash: give the 64 hex digits after 'evidence:sha256:'.");
        }

        // Only evidence of this task's own instance: the task gives no access to anything else.
        var journal = await store.GetJournalAsync(bookmark.InstanceId, cancellationToken);
        if (!journal.Any(e => (e.Log ?? []).Any(l => l.Contains(reference.ToString(), StringComparison.Ordinal))))
        {
            return ApiProblems.NotFound($"{reference} is not evidence of task '{id}'; GET /api/tasks/{id}/evidence lists the task's evidence.");
        }

        return await EvidenceDownload.SendAsync(http, evidence, reference, Payload(reference, id),
            ApiProblems.NotFound($"{reference} is no longer stored: it has expired (see its 'evidence.expired' record in the run log)."), cancellationToken);
    }

    // The open task, if the caller may answer it (its role, or an administrator); otherwise the problem to send.
    private static async Task<(Bookmark? Task, ProblemHttpResult? Problem)> FindTaskAsync(string id, ClaimsPrincipal user, IInstanceStore store, CancellationToken cancellationToken)
    {
        var bookmark = await store.GetBookmarkAsync(id, cancellationToken);
        if (bookmark is null || bookmark.Kind != BookmarkKinds.HumanTask)
        {
            return (null, ApiProblems.NotFound($"There is no open task '{id}'; it may have been answered already."));
        }

        if (bookmark.Key is null || !(user.IsInRole(bookmark.Key) || user.IsInRole(Roles.Administrator)))
        {
            return (null, TypedResults.Problem(
                $"Task '{id}' is assigned to role {bookmark.Key}, which you do not have; its evidence is for those who answer it.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"));
        }

        return (bookmark, null);
    }

    private static JsonObject Payload(EvidenceReference reference, string taskId) =>
        new() { ["evidence"] = reference.ToString(), ["sha256"] = reference.Sha256, ["task"] = taskId };
}

/// <summary>One piece of evidence named in a task's instance journal; <paramref name="MediaType"/> is null once it has expired.</summary>
public sealed record TaskEvidenceView(string Reference, string Sha256, string? MediaType, string ActivityId, string ActivityType, DateTimeOffset At, string Line);
