using System.Text.Json.Nodes;
using Automation.Robots.Evidence;
using Automation.Server.Audit;

namespace Automation.Server.Evidence;

/// <summary>
/// Sends one piece of evidence, decrypted, with the media type stored when it was saved, and records the read
/// (ok, not found or failed its integrity check) in the run log: shared by every route that serves evidence.
/// </summary>
internal static class EvidenceDownload
{
    public static async Task<IResult> SendAsync(
        HttpContext http, IEvidenceStore store, EvidenceReference reference, JsonObject auditPayload, IResult notStored, CancellationToken cancellationToken)
    {
        EvidenceContent? content;
        try
        {
            content = await store.OpenAsync(reference, cancellationToken);
        }
        catch (EvidenceIntegrityException ex)
        {
            await AuditEvents.RecordAsync(http, EvidenceEventTypes.Read, "IntegrityFailed", auditPayload);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Evidence failed its integrity check", detail: ex.Message);
        }

        if (content is null)
        {
            await AuditEvents.RecordAsync(http, EvidenceEventTypes.Read, "NotFound", auditPayload);
            return notStored;
        }

        await AuditEvents.RecordAsync(http, EvidenceEventTypes.Read, "Ok", auditPayload);

        // nosniff keeps the browser from second-guessing the stored media type.
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
}
