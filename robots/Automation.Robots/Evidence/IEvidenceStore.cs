using System.Text.RegularExpressions;

namespace Automation.Robots.Evidence;

/// <summary>
/// Content-addressed evidence (screenshots, downloads, traces): the same bytes are stored once, encrypted at rest,
/// and named by the SHA-256 of their plain content.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>
    /// Stores the content with its media type (see <see cref="EvidenceMediaTypes"/>) and returns its reference,
    /// <c>evidence:sha256:{hex}</c>. Equal content is stored once, with the media type it was first saved with.
    /// </summary>
    Task<EvidenceReference> SaveAsync(Stream content, string mediaType, CancellationToken cancellationToken);

    /// <summary>The decrypted content of <paramref name="reference"/>, or null when it is not stored.</summary>
    /// <exception cref="EvidenceIntegrityException">The file was changed or the installation's key is not the one it was written with.</exception>
    Task<Stream?> OpenReadAsync(EvidenceReference reference, CancellationToken cancellationToken);

    /// <summary>The decrypted content of <paramref name="reference"/> with the media type stored with it, or null when it is not stored.</summary>
    /// <exception cref="EvidenceIntegrityException">The file was changed or the installation's key is not the one it was written with.</exception>
    Task<EvidenceContent?> OpenAsync(EvidenceReference reference, CancellationToken cancellationToken);

    /// <summary>The media type stored with <paramref name="reference"/> (from the file's header), or null when it is not stored.</summary>
    Task<string?> MediaTypeOfAsync(EvidenceReference reference, CancellationToken cancellationToken);

    /// <summary>Everything stored, with when it was first saved (for retention).</summary>
    IReadOnlyList<StoredEvidence> List();

    /// <summary>Deletes the content of <paramref name="reference"/>; false when it was not stored.</summary>
    bool Delete(EvidenceReference reference);
}

/// <summary>Decrypted evidence and the media type it was saved with.</summary>
public sealed record EvidenceContent(Stream Content, string MediaType);

/// <summary>One stored piece of evidence and when it was first saved.</summary>
public sealed record StoredEvidence(EvidenceReference Reference, DateTimeOffset SavedAt);

/// <summary>A reference to stored evidence: <c>evidence:sha256:{64 hex digits}</c>.</summary>
public readonly partial record struct EvidenceReference(string Sha256)
{
    public const string Prefix = "evidence:sha256:";

    /// <summary>Every reference written in <paramref name="text"/> (a journal line, a run-log payload), in order.</summary>
    public static IEnumerable<EvidenceReference> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Pattern().Matches(text))
        {
            yield return new EvidenceReference(match.Groups["hash"].Value);
        }
    }

    public static bool TryParse(string? text, out EvidenceReference reference)
    {
        reference = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = text[Prefix.Length..];
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            return false;
        }

        reference = new EvidenceReference(hex.ToLowerInvariant());
        return true;
    }

    public override string ToString() => Prefix + Sha256;

    [GeneratedRegex("evidence:sha256:(?<hash>[0-9a-f]{64})", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>Stored evidence that cannot be decrypted: changed on disk, or written with another key.</summary>
public sealed class EvidenceIntegrityException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The evidence key is missing (or unusable) while encrypted evidence exists: making a new key would leave every
/// stored file unreadable, so the store refuses and says which file to restore.
/// </summary>
public sealed class EvidenceKeyException(string message) : Exception(message);
