namespace Automation.Robots.Evidence;

/// <summary>The media types evidence is saved with; the server sends the stored one as the Content-Type.</summary>
public static class EvidenceMediaTypes
{
    /// <summary>Screenshots.</summary>
    public const string Png = "image/png";

    /// <summary>Playwright traces (a zip the trace viewer opens).</summary>
    public const string Trace = "application/zip";

    /// <summary>Action logs (the steps a robot took, as JSON).</summary>
    public const string ActionLog = "application/json";

    /// <summary>Downloads and anything else of unknown type.</summary>
    public const string Bytes = "application/octet-stream";

    /// <summary>Whether <paramref name="mediaType"/> is a plain <c>type/subtype</c> (ASCII letters, digits and <c>.+-</c>), at most 100 characters.</summary>
    public static bool IsValid(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType) || mediaType.Length > 100)
        {
            return false;
        }

        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < mediaType.Length - 1 && mediaType.LastIndexOf('/') == slash
            && mediaType.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-');
    }
}
