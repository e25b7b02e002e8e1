using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using Automation.Server.Dispatch;
using Automation.Server.Errors;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Definitions;

/// <summary>
/// The designer's test run: <c>POST /api/definitions/{id}/test-run</c> runs the draft (or, without a draft, the latest
/// version) in the background and answers with the instance id at once; the designer follows it through
/// <c>/api/instances/{id}</c> and its journal. A test run is an ordinary instance whose business key is
/// <see cref="CorrelationId"/>, so the operations lists can tell it apart (and filter on it); a draft's run has
/// definition version 0, which no published version has.
/// </summary>
public static class TestRunApi
{
    /// <summary>The business key every test run gets; <c>GET /api/instances?correlationId=test-run</c> lists them.</summary>
    public const string CorrelationId = "test-run";

    public static IEndpointRouteBuilder MapTestRunApi(this IEndpointRouteBuilder app)
    {
        // Running an unpublished draft is part of designing it: the same roles that may edit it.
        app.MapPost("/api/definitions/{id}/test-run", StartAsync).WithTags("Definitions").RequireAuthorization(Policies.EditDefinitions);
        return app;
    }

    /// <summary>
    /// Validates first: a definition with errors is refused with 400 and the validator's problems (by activity and
    /// input) under <c>problems</c>, nothing stored. Input that does not fit the declared inputs is a 400 too.
    /// </summary>
    private static async Task<Results<Accepted<TestRunStarted>, ProblemHttpResult>> StartAsync(
        string id, TestRunRequest? body, IDefinitionStore store, WorkflowRuntime runtime, InstanceDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var definition = await store.GetAsync(id, 0, cancellationToken) ?? await store.GetAsync(id, null, cancellationToken);
        if (definition is null)
        {
            return ApiProblems.NotFound($"There is no workflow '{id}'; create it (POST /api/definitions) before test-running it.");
        }

        var problems = runtime.Validator.Validate(definition);
        var errors = problems.Count(p => p.Severity == Severity.Error);
        if (errors > 0)
        {
            var which = definition.Version == 0 ? $"The draft of '{id}'" : $"Version {definition.Version.ToString(CultureInfo.InvariantCulture)} of '{id}'";
            return TypedResults.Problem(
                $"{which} has {errors.ToString(CultureInfo.InvariantCulture)} error(s); fix them (they are listed by activity and input) and run it again.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "The workflow definition is not valid",
                extensions: new Dictionary<string, object?> { ["problems"] = problems.Select(ProblemView.Of).ToList() });
        }

        var instanceId = await runtime.CreateAsync(definition, new StartOptions { Input = body?.Input ?? [], CorrelationId = CorrelationId }, cancellationToken);
        await dispatcher.EnqueueAsync(instanceId, cancellationToken);
        return TypedResults.Accepted($"/api/instances/{instanceId}", new TestRunStarted(instanceId, nameof(InstanceStatus.Running), definition.Version));
    }
}

/// <summary>Body of a test run: values for the workflow's declared inputs.</summary>
public sealed record TestRunRequest(JsonObject? Input);

/// <summary>The test run's instance, and which version runs (0: the draft).</summary>
public sealed record TestRunStarted(string InstanceId, string Status, int DefinitionVersion);
