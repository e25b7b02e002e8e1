using System.Security.Claims;
using System.Text.Json.Nodes;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;
using Automation.Server.Audit;
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

        Stream? content;
        try
        {
            content = await store.OpenReadAsync(reference, cancellationToken);
        }
        catch (EvidenceIntegrityException ex)
        {
            await AuditEvents.RecordAsync(http, EvidenceEventTypes.Read, "IntegrityFailed", Payload(reference));
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Evidence failed its integrity check", detail: ex.Message);
        }

        if (content is null)
        {
            await AuditEvents.RecordAsync(http, EvidenceEventTypes.Read, "NotFound", Payload(reference));
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such evidence",
                detail: $"{reference} is not stored: it has expired (see its 'evidence.expired' record in the run log) or was never saved here.");
        }

        await AuditEvents.RecordAsync(http, EvidenceEventTypes.Read, "Ok", Payload(reference));
        var head = new byte[8];
        var length = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        content.Position = 0;
        return TypedResults.Stream(content, MediaTypeOf(head.AsSpan(0, length)), fileDownloadName: null);
    }

    /// <summary>Screenshots are PNG, traces are zip; anything else (downloads) is sent as bytes.</summary>
    internal static string MediaTypeOf(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : head.StartsWith("PK\u0003\u0004"u8) ? "application/zip"
        : "application/octet-stream";

    private static JsonObject Payload(EvidenceReference reference) => new() { ["evidence"] = reference.ToString(), ["sha256"] = reference.Sha256 };
}
