using System.Security.Cryptography;
using Automation.Robots.Targets;
using Microsoft.Extensions.Options;

namespace Automation.Robots.Evidence;

/// <summary>Evidence under a folder as <c>sha256/{first two hex}/{hex}</c>, written through a temporary file so a crash leaves no half file.</summary>
public sealed class FileEvidenceStore(IOptions<RobotOptions> options) : IEvidenceStore
{
    private readonly string _root = Path.GetFullPath(options.Value.EvidenceDirectory);

    public async Task<EvidenceReference> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(_root);
        var temporary = Path.Combine(_root, $".incoming-{Guid.NewGuid():N}");
        string hex;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                hex = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var path = PathOf(hex);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path))
            {
                File.Delete(temporary);
            }
            else
            {
                File.Move(temporary, path, overwrite: true);
            }
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return new EvidenceReference(hex);
    }

    public string? Find(EvidenceReference reference)
    {
        var path = PathOf(reference.Sha256);
        return File.Exists(path) ? path : null;
    }

    private string PathOf(string hex) => Path.Combine(_root, "sha256", hex[..2], hex);
}
