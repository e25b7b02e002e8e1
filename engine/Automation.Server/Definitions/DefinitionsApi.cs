using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.ElsaImport;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using Automation.Server.Dispatch;
using Automation.Server.Errors;
using Automation.Server.Hosting;
using Automation.Server.Scheduling;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using ValidationProblem = Automation.Engine.Validation.ValidationProblem;
using Microsoft.Extensions.Options;

namespace Automation.Server.Definitions;

/// <summary>Workflow definitions: drafts, validation, publishing immutable versions, revert, import/export, and starting instances.</summary>
public static class DefinitionsApi
{
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadDefinitions);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.ReadDefinitions);
        group.MapGet("/{id}/versions", VersionsAsync).RequireAuthorization(Policies.ReadDefinitions);
        group.MapGet("/{id}/export", ExportAsync).RequireAuthorization(Policies.ReadDefinitions);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.EditDefinitions).Accepts<JsonObject>("application/json");
        group.MapPost("/import", ImportAsync).RequireAuthorization(Policies.EditDefinitions).Accepts<JsonObject>("application/json");
        group.MapPost("/validate", ValidateBodyAsync).RequireAuthorization(Policies.ReadDefinitions).Accepts<JsonObject>("application/json");
        group.MapPut("/{id}/draft", UpdateDraftAsync).RequireAuthorization(Policies.EditDefinitions).Accepts<JsonObject>("application/json");
        group.MapDelete("/{id}/draft", DeleteDraftAsync).RequireAuthorization(Policies.EditDefinitions);
        group.MapPost("/{id}/validate", ValidateDraftAsync).RequireAuthorization(Policies.ReadDefinitions);
        group.MapPost("/{id}/publish", PublishAsync).RequireAuthorization(Policies.EditDefinitions);
        group.MapPost("/{id}/revert/{version:int}", RevertAsync).RequireAuthorization(Policies.EditDefinitions);
        group.MapPost("/{id}/dispatch", DispatchAsync).RequireAuthorization(Policies.RunInstances);
        group.MapPost("/{id}/execute", ExecuteAsync).RequireAuthorization(Policies.RunInstances);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<DefinitionVersionInfo>>> ListAsync(IDefinitionStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    /// <summary>A version when asked; otherwise the draft if there is one, else the latest published version.</summary>
    private static async Task<Results<JsonHttpResult<WorkflowDefinition>, ProblemHttpResult>> GetAsync(string id, int? version, IDefinitionStore store, CancellationToken cancellationToken)
    {
        var definition = version is { } v
            ? await store.GetAsync(id, v, cancellationToken)
            : await store.GetAsync(id, 0, cancellationToken) ?? await store.GetAsync(id, null, cancellationToken);
        return definition is null
            ? ApiProblems.NotFound(NotFoundText(id, version))
            : TypedResults.Json(definition, WorkflowJson.Options);
    }

    private static async Task<Results<Ok<IReadOnlyList<DefinitionVersionInfo>>, ProblemHttpResult>> VersionsAsync(string id, IDefinitionStore store, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(id, cancellationToken);
        return versions.Count == 0 ? ApiProblems.NotFound(NotFoundText(id, null)) : TypedResults.Ok(versions);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string id, int? version, IDefinitionStore store, CancellationToken cancellationToken)
    {
        var definition = await store.GetAsync(id, version ?? 0, cancellationToken) ?? (version is null ? await store.GetAsync(id, null, cancellationToken) : null);
        if (definition is null)
        {
            return ApiProblems.NotFound(NotFoundText(id, version));
        }

        var bytes = Encoding.UTF8.GetBytes(WorkflowJson.Serialize(definition));
        var name = definition.Version == 0 ? $"{definition.Id}.draft.json" : $"{definition.Id}.v{definition.Version}.json";
        return TypedResults.File(bytes, "application/json", name);
    }

    /// <summary>Creates the draft of a new workflow. Fails with 409 if the id is taken.</summary>
    private static async Task<Created<WorkflowDefinition>> CreateAsync(HttpRequest request, IDefinitionStore store, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var definition = await ReadDefinitionAsync(request, runtime, cancellationToken);
        if ((await store.ListVersionsAsync(definition.Id, cancellationToken)).Count > 0)
        {
            throw new ConflictException($"A workflow with id '{definition.Id}' exists already; update its draft with PUT /api/definitions/{definition.Id}/draft, or choose another id.");
        }

        definition.Version = 0;
        await store.SaveDraftAsync(definition, cancellationToken);
        return TypedResults.Created($"/api/definitions/{definition.Id}", definition);
    }

    /// <summary>Imports a file (ours or Elsa 3) as the draft of its id, replacing an existing draft.</summary>
    private static async Task<Ok<ImportResult>> ImportAsync(HttpRequest request, IDefinitionStore store, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var definition = await ReadDefinitionAsync(request, runtime, cancellationToken);
        definition.Version = 0;
        await store.SaveDraftAsync(definition, cancellationToken);
        return TypedResults.Ok(new ImportResult(definition.Id, definition.ImportedFrom ?? "automation", runtime.Validator.Validate(definition).Select(ProblemView.Of).ToList()));
    }

    private static async Task<Ok<ValidationResult>> ValidateBodyAsync(HttpRequest request, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var definition = await ReadDefinitionAsync(request, null, cancellationToken);
        return TypedResults.Ok(ValidationResult.Of(runtime.Validator.Validate(definition)));
    }

    private static async Task<Ok<WorkflowDefinition>> UpdateDraftAsync(string id, HttpRequest request, IDefinitionStore store, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var definition = await ReadDefinitionAsync(request, null, cancellationToken);
        if (string.IsNullOrEmpty(definition.Id))
        {
            definition.Id = id;
        }
        else if (definition.Id != id)
        {
            throw new ConflictException($"The body is workflow '{definition.Id}' but the address names '{id}'; they must be the same.");
        }

        EnsureStorable(definition, runtime);

        definition.Version = 0;
        await store.SaveDraftAsync(definition, cancellationToken);
        return TypedResults.Ok(definition);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteDraftAsync(string id, IDefinitionStore store, CancellationToken cancellationToken) =>
        await store.DeleteDraftAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound($"Workflow '{id}' has no draft.");

    private static async Task<Results<Ok<ValidationResult>, ProblemHttpResult>> ValidateDraftAsync(string id, IDefinitionStore store, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var draft = await store.GetAsync(id, 0, cancellationToken);
        return draft is null ? ApiProblems.NotFound($"Workflow '{id}' has no draft.") : TypedResults.Ok(ValidationResult.Of(runtime.Validator.Validate(draft)));
    }

    /// <summary>Validates the draft and freezes it as the next version. A draft with errors is refused (400, errors listed).</summary>
    private static async Task<Results<Ok<WorkflowDefinition>, ProblemHttpResult>> PublishAsync(string id, IDefinitionStore store, WorkflowRuntime runtime, WorkflowTriggers triggers, CancellationToken cancellationToken)
    {
        var draft = await store.GetAsync(id, 0, cancellationToken);
        if (draft is null)
        {
            return ApiProblems.NotFound($"Workflow '{id}' has no draft to publish; save a draft first (PUT /api/definitions/{id}/draft).");
        }

        runtime.Validator.EnsureValid(draft, $"The draft of '{id}'");
        try
        {
            // Checks the triggers first, and puts the new version's cron, timer and http triggers in force.
            return TypedResults.Ok(await triggers.PublishAsync(draft, cancellationToken));
        }
        catch (InvalidOperationException ex)
        {
            // Published or deleted by someone else since it was read.
            throw new ConflictException($"{ex.Message} It was published or deleted meanwhile; reload it.", ex);
        }
    }

    /// <summary>Makes the draft a copy of an earlier version; publishing it then creates a new version with that content.</summary>
    private static async Task<Results<Ok<WorkflowDefinition>, ProblemHttpResult>> RevertAsync(string id, int version, IDefinitionStore store, CancellationToken cancellationToken)
    {
        var old = version < 1 ? null : await store.GetAsync(id, version, cancellationToken);
        if (old is null)
        {
            return ApiProblems.NotFound(NotFoundText(id, version));
        }

        // The store hands out its own (cached) copy of a published version: never change it; the draft is a copy.
        await store.SaveDraftAsync(old, cancellationToken);
        var draft = await store.GetAsync(id, 0, cancellationToken);
        return draft is null ? throw new ConflictException($"The draft of '{id}' was deleted while it was being reverted; revert again.") : TypedResults.Ok(draft);
    }

    /// <summary>Stores a new instance of the latest published version and answers at once; the instance runs in the background.</summary>
    private static async Task<Results<Accepted<StartedInstance>, ProblemHttpResult>> DispatchAsync(
        string id, StartRequest? body, IDefinitionStore store, WorkflowRuntime runtime, InstanceDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var definition = await PublishedAsync(id, body?.Version, store, cancellationToken);
        if (definition is null)
        {
            return ApiProblems.NotFound(NotPublishedText(id, body?.Version));
        }

        var instanceId = await runtime.CreateAsync(definition, body.ToOptions(null), cancellationToken);
        await dispatcher.EnqueueAsync(instanceId, cancellationToken);
        return TypedResults.Accepted($"/api/instances/{instanceId}", new StartedInstance(instanceId, nameof(InstanceStatus.Running)));
    }

    /// <summary>Starts an instance and waits for it up to the configured bound: 200 with the result, or 202 if it is still going (or suspended).</summary>
    private static async Task<Results<Ok<InstanceResult>, Accepted<InstanceResult>, ProblemHttpResult>> ExecuteAsync(
        string id, StartRequest? body, IDefinitionStore store, WorkflowRuntime runtime, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var definition = await PublishedAsync(id, body?.Version, store, cancellationToken);
        if (definition is null)
        {
            return ApiProblems.NotFound(NotPublishedText(id, body?.Version));
        }

        var instanceId = Guid.CreateVersion7().ToString("N");

        // Not tied to the request: a caller who stops waiting does not cancel the instance.
        var run = runtime.StartAsync(definition, body.ToOptions(instanceId), CancellationToken.None);
        try
        {
            var result = await run.WaitAsync(options.Value.ExecuteTimeout, cancellationToken);
            var view = InstanceResult.Of(result);
            return result.Status is InstanceStatus.Finished or InstanceStatus.Faulted or InstanceStatus.Cancelled
                ? TypedResults.Ok(view)
                : TypedResults.Accepted($"/api/instances/{instanceId}", view);
        }
        catch (TimeoutException)
        {
            // The instance runs on; should it fail to store later, that must not surface as an unobserved task exception.
            _ = run.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return TypedResults.Accepted($"/api/instances/{instanceId}", new InstanceResult(instanceId, nameof(InstanceStatus.Running), null, null));
        }
    }

    private static async Task<WorkflowDefinition?> PublishedAsync(string id, int? version, IDefinitionStore store, CancellationToken cancellationToken) =>
        version is 0 ? null : await store.GetAsync(id, version, cancellationToken);

    /// <summary>
    /// Reads the body as a workflow file in either format; malformed JSON is reported with line and position. With a
    /// runtime, also refuses what cannot even be stored as a draft (see <see cref="EnsureStorable"/>).
    /// </summary>
    private static async Task<WorkflowDefinition> ReadDefinitionAsync(HttpRequest request, WorkflowRuntime? runtime, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException($"Send the workflow as application/json, not {type}.", StatusCodes.Status415UnsupportedMediaType);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new WorkflowDefinitionException("The request body", [new ValidationProblem("$", "the body is empty; send the workflow JSON")]);
        }

        var definition = WorkflowFileLoader.LoadJson(text, "The request body");
        if (runtime is not null)
        {
            EnsureStorable(definition, runtime);
        }

        return definition;
    }

    /// <summary>
    /// A draft may be unfinished (missing inputs, loose ends: validate lists them and publish refuses them), but it must
    /// have a usable id and name only activity types this server has, or the designer could not even show it.
    /// </summary>
    private static void EnsureStorable(WorkflowDefinition definition, WorkflowRuntime runtime)
    {
        var fatal = runtime.Validator.Validate(definition)
            .Where(p => p.Severity == Severity.Error && (p.Path == "$.id" || p.Message.StartsWith("unknown activity type", StringComparison.Ordinal)))
            .ToList();
        if (fatal.Count > 0)
        {
            throw new WorkflowDefinitionException("The request body", fatal);
        }
    }

    private static string NotFoundText(string id, int? version) =>
        version is null ? $"There is no workflow '{id}'." : $"Workflow '{id}' has no version {version}.";

    private static string NotPublishedText(string id, int? version) =>
        version is null ? $"Workflow '{id}' has no published version; publish it first." : $"Workflow '{id}' has no published version {version}.";
}

/// <summary>Body of dispatch and execute.</summary>
public sealed record StartRequest(JsonObject? Input, string? CorrelationId, int? Version);

/// <summary>The id of an instance that was started and where it stands.</summary>
public sealed record StartedInstance(string InstanceId, string Status);

/// <summary>An instance's result as the API shows it.</summary>
public sealed record InstanceResult(string InstanceId, string Status, JsonObject? Output, IncidentView? Incident)
{
    public static InstanceResult Of(RunResult result) => new(
        result.InstanceId, result.Status.ToString(), result.Output, result.Incident is null ? null : IncidentView.Of(result.Incident));
}

/// <summary>An incident as the API shows it (no stack trace).</summary>
public sealed record IncidentView(string ActivityId, string ActivityType, string Message, DateTimeOffset At, bool Resolved)
{
    public static IncidentView Of(Incident incident) => new(incident.ActivityId, incident.ActivityType, incident.Message, incident.At, incident.Resolved);
}

/// <summary>One validation problem.</summary>
public sealed record ProblemView(string Path, string Message, string Severity, string? ActivityId, string? Input)
{
    public static ProblemView Of(ValidationProblem problem) => new(problem.Path, problem.Message, problem.Severity.ToString(), problem.ActivityId, problem.InputName);
}

/// <summary>Result of validating a definition.</summary>
public sealed record ValidationResult(bool Valid, IReadOnlyList<ProblemView> Problems)
{
    public static ValidationResult Of(IReadOnlyList<ValidationProblem> problems) =>
        new(problems.All(p => p.Severity != Severity.Error), problems.Select(ProblemView.Of).ToList());
}

/// <summary>Result of an import: the id it was stored under, the detected format and any problems to fix before publishing.</summary>
public sealed record ImportResult(string Id, string Format, IReadOnlyList<ProblemView> Problems);

internal static class StartRequestExtensions
{
    public static StartOptions ToOptions(this StartRequest? request, string? instanceId) => new()
    {
        Input = request?.Input ?? [],
        CorrelationId = request?.CorrelationId,
        InstanceId = instanceId,
    };
}
