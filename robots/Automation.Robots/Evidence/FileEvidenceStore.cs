using System.Security.Cryptography;
using System.Text;
using Automation.Robots.Targets;
using Microsoft.Extensions.Options;

namespace Automation.Robots.Evidence;

/// <summary>
/// Evidence under a folder as <c>sha256/{first two hex}/{hex}</c>, encrypted with AES-256-GCM (a random nonce per
/// file; the name is bound to the content as associated data, so a swapped or edited file fails its tag). The name
/// is the SHA-256 of the plain content, so it never holds personal data and equal content is stored once. Written
/// through a temporary file so a crash leaves no half file.
/// </summary>
public sealed class FileEvidenceStore : IEvidenceStore
{
    /// <summary>The key file's name in the evidence folder, created with mode 0600 on first use.</summary>
    public const string KeyFileName = ".evidence.key";

    private static readonly byte[] Magic = "AEV1"u8.ToArray();
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly string _root;
    private readonly Lazy<byte[]> _key;

    /// <summary>A store whose key is the installation's key file in the evidence folder (created when missing).</summary>
    public FileEvidenceStore(IOptions<RobotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.GetFullPath(options.Value.EvidenceDirectory);
        _key = new Lazy<byte[]>(LoadOrCreateKey);
    }

    /// <summary>A store with a given 32-byte key (tests, tools).</summary>
    public FileEvidenceStore(IOptions<RobotOptions> options, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException($"An evidence key must be 32 bytes (AES-256), not {key.Length}.", nameof(key));
        }

        _root = Path.GetFullPath(options.Value.EvidenceDirectory);
        var copy = (byte[])key.Clone();
        _key = new Lazy<byte[]>(() => copy);
    }

    public async Task<EvidenceReference> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        byte[] plain;
        using (var buffer = new MemoryStream())
        {
            await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            plain = buffer.ToArray();
        }

        var hex = Convert.ToHexStringLower(SHA256.HashData(plain));
        var path = PathOf(hex);
        if (File.Exists(path))
        {
            return new EvidenceReference(hex);
        }

        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var tag = new byte[TagSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(_key.Value, TagSize))
        {
            aes.Encrypt(nonce, plain, cipher, tag, Encoding.ASCII.GetBytes(hex));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(_root, $".incoming-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await file.WriteAsync(Magic, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(nonce, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(tag, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(cipher, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return new EvidenceReference(hex);
    }

    public async Task<Stream?> OpenReadAsync(EvidenceReference reference, CancellationToken cancellationToken)
    {
        var path = PathOf(reference.Sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        var stored = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var header = Magic.Length + NonceSize + TagSize;
        if (stored.Length < header || !stored.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new EvidenceIntegrityException($"Evidence {reference} at '{path}' is not an encrypted evidence file: it was changed or written by another program.");
        }

        var plain = new byte[stored.Length - header];
        try
        {
            using var aes = new AesGcm(_key.Value, TagSize);
            aes.Decrypt(
                stored.AsSpan(Magic.Length, NonceSize),
                stored.AsSpan(header),
                stored.AsSpan(Magic.Length + NonceSize, TagSize),
                plain,
                Encoding.ASCII.GetBytes(reference.Sha256));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new EvidenceIntegrityException(
                $"Evidence {reference} at '{path}' failed its integrity check (AES-GCM tag): the file was changed, or the evidence key is not the one it was written with (key file '{Path.Combine(_root, KeyFileName)}').", ex);
        }

        return new MemoryStream(plain, writable: false);
    }

    public IReadOnlyList<StoredEvidence> List()
    {
        var folder = Path.Combine(_root, "sha256");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // Each file is written once (equal content is not rewritten), so its write time is when it was first saved.
        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetFileName(path)))
            .Where(f => f.Name.Length == 64 && f.Name.All(char.IsAsciiHexDigitLower))
            .Select(f => new StoredEvidence(new EvidenceReference(f.Name), new DateTimeOffset(File.GetLastWriteTimeUtc(f.Path), TimeSpan.Zero)))];
    }

    public bool Delete(EvidenceReference reference)
    {
        var path = PathOf(reference.Sha256);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private byte[] LoadOrCreateKey()
    {
        var keyPath = Path.Combine(_root, KeyFileName);
        if (!File.Exists(keyPath))
        {
            Directory.CreateDirectory(_root);
            var key = RandomNumberGenerator.GetBytes(32);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var file = new FileStream(keyPath, options);
                file.Write(key);
                return key;
            }
            catch (IOException) when (File.Exists(keyPath))
            {
                // Another store created it first: use theirs.
            }
        }

        var stored = File.ReadAllBytes(keyPath);
        if (stored.Length != 32)
        {
            throw new EvidenceIntegrityException($"The evidence key file '{keyPath}' holds {stored.Length} bytes, not 32: restore it from the backup of this installation.");
        }

        return stored;
    }

    private string PathOf(string hex) => Path.Combine(_root, "sha256", hex[..2], hex);
}
