using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Vault;

/// <summary>
/// The designer's credential picker: <c>GET /api/credential-names</c> (policy EditDefinitions) lists each stored
/// credential's name, target system and field names, so a process owner can choose one for a robot's Open step. Never
/// a value, a description or who changed it: that stays with the administrators' <c>/api/credentials</c>.
/// </summary>
public static class CredentialNamesApi
{
    public static IEndpointRouteBuilder MapCredentialNamesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/credential-names", ListAsync).WithTags("Credentials").RequireAuthorization(Policies.EditDefinitions);
        return app;
    }

    private static async Task<Ok<List<CredentialName>>> ListAsync(CredentialVault vault, CancellationToken cancellationToken)
    {
        var rows = await vault.ListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new CredentialName(r.Name, r.TargetSystem, CredentialVault.FieldNames(r))).ToList());
    }
}

/// <summary>A credential as the designer's picker shows it: its name, the system it is for and its kind (its field names).</summary>
public sealed record CredentialName(string Name, string? TargetSystem, IReadOnlyList<string> Fields);
