using System.Security.Claims;
using System.Text.Json.Nodes;
using Automation.Robots.Evidence;
using Automation.Server.Security;

namespace Automation.Server.Evidence;

/// <summary>
/// Evidence content for the auditor timeline and operators: <c>GET /api/evidence/{sha256}</c> (policy ReadInstances:
/// Administrator, ProcessOwner, Operator, Auditor). Each read is appended to the run log before the content is sent.
/// </summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/evidence/{sha256}", ReadAsync).WithTags("Evidence").RequireAuthorization(Policies.ReadInstances);
        return app;
    }

    private static async Task<IResult> ReadAsync(string sha256, HttpContext http, ClaimsPrincipal user, IEvidenceStore store, CancellationToken cancellationToken)
    {
        if (!EvidenceReference.TryParse(EvidenceReference.Prefix + sha256, out var reference))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an evidence hash",
                detail: $"'{sha256}' is not a SHA-256 hash: give the 64 hex digits after 'evidence:sha256:'.");
        }

        return await EvidenceDownload.SendAsync(http, store, reference, Payload(reference), TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such evidence",
            detail: $"{reference} is not stored: it has expired (see its 'evidence.expired' record in the run log) or was never saved here."), cancellationToken);
    }

    private static JsonObject Payload(EvidenceReference reference) => new() { ["evidence"] = reference.ToString(), ["sha256"] = reference.Sha256 };
}
