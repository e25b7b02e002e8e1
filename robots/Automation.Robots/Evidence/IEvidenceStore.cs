namespace Automation.Robots.Evidence;

/// <summary>Content-addressed evidence files (screenshots, downloads, traces): the same bytes are stored once.</summary>
public interface IEvidenceStore
{
    /// <summary>Stores the content and returns its reference, <c>evidence:sha256:{hex}</c>.</summary>
    Task<EvidenceReference> SaveAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Where the file of <paramref name="reference"/> is, or null when it is not stored.</summary>
    string? Find(EvidenceReference reference);
}

/// <summary>A reference to stored evidence: <c>evidence:sha256:{64 hex digits}</c>.</summary>
public readonly record struct EvidenceReference(string Sha256)
{
    public const string Prefix = "evidence:sha256:";

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
}
