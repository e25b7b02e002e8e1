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

        EvidenceContent? content;
        try
        {
            content = await store.OpenAsync(reference, cancellationToken);
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

        // The media type stored when the evidence was saved; nosniff keeps the browser from second-guessing it.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(content.Content, content.MediaType, fileDownloadName: DownloadName(reference, content.MediaType));
    }

    // Screenshots are shown inline (thumbnails); traces, action logs and downloads are saved under a name that says what they are.
    private static string? DownloadName(EvidenceReference reference, string mediaType) => mediaType switch
    {
        EvidenceMediaTypes.Png => null,
        EvidenceMediaTypes.Trace => $"trace-{reference.Sha256[..12]}.zip",
        EvidenceMediaTypes.ActionLog => $"action-log-{reference.Sha256[..12]}.json",
        _ => $"evidence-{reference.Sha256[..12]}.bin",
    };

    private static JsonObject Payload(EvidenceReference reference) => new() { ["evidence"] = reference.ToString(), ["sha256"] = reference.Sha256 };
}
