using System.Security.Claims;
using System.Text.Json.Nodes;
using Automation.Engine.RunLog;
using Automation.Server.Audit;
using Automation.Server.Security;
using Automation.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Vault;

/// <summary>
/// Credential administration. Answers carry names, field names and descriptions, never a value: once stored, a
/// secret leaves the vault only through <see cref="Engine.Credentials.ICredentialStore"/> to a robot or connector.
/// </summary>
public static partial class CredentialsApi
{
    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/credentials").WithTags("Credentials");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Administer);
        group.MapGet("/{name}", GetAsync).RequireAuthorization(Policies.Administer);
        group.MapPut("/{name}", PutAsync).RequireAuthorization(Policies.Administer);
        group.MapDelete("/{name}", DeleteAsync).RequireAuthorization(Policies.Administer);
        return app;
    }

    private static async Task<Ok<List<CredentialView>>> ListAsync(CredentialVault vault, CancellationToken cancellationToken)
    {
        var rows = await vault.ListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(View).ToList());
    }

    private static async Task<Results<Ok<CredentialView>, ProblemHttpResult>> GetAsync(string name, CredentialVault vault, CancellationToken cancellationToken)
    {
        var row = await vault.FindAsync(name, cancellationToken);
        return row is null ? NotFound(name).ToProblem() : TypedResults.Ok(View(row));
    }

    private static async Task<Results<Created<CredentialView>, Ok<CredentialView>, ProblemHttpResult>> PutAsync(
        string name, PutCredentialRequest request, CredentialVault vault, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var (row, created, refusal) = await vault.PutAsync(name, request.Fields, request.Description, request.TargetSystem, actor.Identity?.Name ?? "", cancellationToken);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var view = View(row!);
        LogStored(loggers.CreateLogger(typeof(CredentialsApi).FullName!), actor.Identity?.Name, view.Name, string.Join(", ", view.Fields));

        // Names only: which fields were sent with a new value, never the values.
        await AuditEvents.RecordAsync(http, AuditEventTypes.CredentialStored, created ? "Created" : "Updated", new JsonObject
        {
            ["credential"] = view.Name,
            ["fieldNames"] = new JsonArray([.. view.Fields.Select(f => JsonValue.Create(f))]),
            ["changedFields"] = new JsonArray([.. request.Fields!.Where(f => f.Value is not null).Select(f => JsonValue.Create(f.Key))]),
        }, new RunLogCorrelation { Target = view.TargetSystem });
        return created ? TypedResults.Created($"/api/credentials/{Uri.EscapeDataString(view.Name)}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, CredentialVault vault, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await vault.DeleteAsync(name, cancellationToken))
        {
            return NotFound(name).ToProblem();
        }

        LogDeleted(loggers.CreateLogger(typeof(CredentialsApi).FullName!), actor.Identity?.Name, name);
        await AuditEvents.RecordAsync(http, AuditEventTypes.CredentialDeleted, "Deleted", new JsonObject { ["credential"] = name });
        return TypedResults.NoContent();
    }

    private static Refusal NotFound(string name) => Refusal.NotFound($"There is no credential '{name}'; GET /api/credentials lists them.");

    private static CredentialView View(CredentialRow row) =>
        new(row.Name, row.TargetSystem, row.Description, CredentialVault.FieldNames(row), row.UpdatedAt, row.UpdatedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} stored credential {CredentialName} with fields {FieldNames}")]
    private static partial void LogStored(ILogger logger, string? actor, string credentialName, string fieldNames);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted credential {CredentialName}")]
    private static partial void LogDeleted(ILogger logger, string? actor, string credentialName);
}

/// <summary>
/// A credential's secret fields (name → value; null keeps the stored value), what it is for, and the system it signs
/// in to.
/// </summary>
public sealed record PutCredentialRequest(Dictionary<string, string?>? Fields, string? Description, string? TargetSystem);

/// <summary>A credential as listed: field names only, never values.</summary>
public sealed record CredentialView(string Name, string? TargetSystem, string? Description, IReadOnlyList<string> Fields, DateTimeOffset UpdatedAt, string UpdatedBy);
