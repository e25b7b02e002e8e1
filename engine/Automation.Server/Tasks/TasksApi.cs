using System.Security.Claims;
using System.Text.Json.Nodes;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Server.Definitions;
using Automation.Server.Errors;
using Automation.Server.Instances;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Tasks;

/// <summary>The task inbox: human tasks waiting for one of the caller's roles, and answering them.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.AnyUser);
        group.MapPost("/{id}/answer", AnswerAsync).RequireAuthorization(Policies.AnyUser);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<TaskView>>> ListAsync(ClaimsPrincipal user, IInstanceStore store, CancellationToken cancellationToken)
    {
        var tasks = new List<TaskView>();
        foreach (var role in Roles.All.Where(user.IsInRole))
        {
            foreach (var bookmark in await store.FindBookmarksAsync(BookmarkKinds.HumanTask, role, cancellationToken))
            {
                var instance = await store.GetInstanceAsync(bookmark.InstanceId, cancellationToken);
                tasks.Add(new TaskView(BookmarkView.Of(bookmark), bookmark.InstanceId, instance?.DefinitionId, instance?.CorrelationId));
            }
        }

        return TypedResults.Ok<IReadOnlyList<TaskView>>(tasks);
    }

    /// <summary>Answers a task assigned to one of the caller's roles; the instance continues through the chosen outcome.</summary>
    private static async Task<Results<Ok<InstanceResult>, ProblemHttpResult>> AnswerAsync(
        string id, TaskAnswer? answer, ClaimsPrincipal user, IInstanceStore store, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (answer is null)
        {
            return ApiProblems.BadRequest("No answer", "Send the answer as JSON: {\"outcome\": \"Approved\", \"answers\": {...}, \"comment\": \"...\"}.");
        }

        var bookmark = await store.GetBookmarkAsync(id, cancellationToken);
        if (bookmark is null || bookmark.Kind != BookmarkKinds.HumanTask)
        {
            return ApiProblems.NotFound($"There is no open task '{id}'; it may have been answered already.");
        }

        if (bookmark.Key is null || !user.IsInRole(bookmark.Key))
        {
            return TypedResults.Problem(
                $"Task '{id}' is assigned to role {bookmark.Key}, which you do not have; someone in that role must answer it.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        var payload = new JsonObject
        {
            ["outcome"] = answer.Outcome,
            ["answers"] = answer.Answers?.DeepClone() ?? new JsonObject(),
            ["comment"] = answer.Comment,
            ["answeredBy"] = user.Identity?.Name,
        };
        return TypedResults.Ok(InstanceResult.Of(await runtime.ResumeBookmarkAsync(id, payload, cancellationToken)));
    }
}

/// <summary>An open task with where it comes from.</summary>
public sealed record TaskView(BookmarkView Task, string InstanceId, string? DefinitionId, string? CorrelationId);

/// <summary>A person's answer to a task.</summary>
public sealed record TaskAnswer(string? Outcome, JsonObject? Answers, string? Comment);
