using System.Text.Json.Nodes;
using Automation.Engine.Runtime;
using Automation.Server.Definitions;
using Automation.Server.Errors;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Signals;

/// <summary>Signals and bookmark resumption: what wakes suspended instances from outside.</summary>
public static class SignalsApi
{
    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/signals/{name}", SignalAsync).WithTags("Signals").RequireAuthorization(Policies.RunInstances);
        app.MapPost("/api/bookmarks/{id}/resume", ResumeAsync).WithTags("Signals").RequireAuthorization(Policies.RunInstances);
        return app;
    }

    /// <summary>Resumes every instance waiting for the signal (only one instance's when <c>instanceId</c> is given).</summary>
    /// <remarks>A signal nobody waits for is not an error (200 with an empty list), unless it was aimed at one instance (404).</remarks>
    private static async Task<Results<Ok<IReadOnlyList<InstanceResult>>, ProblemHttpResult>> SignalAsync(string name, SignalRequest? body, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var results = await runtime.SignalAsync(name, body?.Payload, body?.InstanceId, cancellationToken);
        if (results.Count == 0 && body?.InstanceId is { } instanceId)
        {
            return ApiProblems.NotFound($"Instance '{instanceId}' does not wait for signal '{name}'; check the instance id and the signal name (GET /api/instances/{instanceId} lists its bookmarks).");
        }

        return TypedResults.Ok<IReadOnlyList<InstanceResult>>(results.Select(InstanceResult.Of).ToList());
    }

    private static async Task<Ok<InstanceResult>> ResumeAsync(string id, ResumeRequest? body, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        TypedResults.Ok(InstanceResult.Of(await runtime.ResumeBookmarkAsync(id, body?.Payload, cancellationToken)));
}

/// <summary>Body of a signal.</summary>
public sealed record SignalRequest(JsonNode? Payload, string? InstanceId);

/// <summary>Body of a bookmark resumption.</summary>
public sealed record ResumeRequest(JsonNode? Payload);
