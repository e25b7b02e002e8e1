using System.Security.Cryptography;
using System.Text;
using Automation.Robots.Targets;
using Microsoft.Extensions.Options;

namespace Automation.Robots.Evidence;

/// <summary>
/// Evidence under a folder as <c>sha256/{first two hex}/{hex}</c>, encrypted with AES-256-GCM (a random nonce per
/// file; the name and the media type are bound to the content as associated data, so a swapped or edited file, or a
/// changed media type, fails its tag). The name is the SHA-256 of the plain content, so it never holds personal data
/// and equal content is stored once. Written through a temporary file so a crash leaves no half file.
/// </summary>
/// <remarks>
/// The key is a 32-byte file kept apart from the evidence (<see cref="RobotOptions.EvidenceKeyPath"/>, by default
/// <c>{data}/keys/evidence.key</c> beside the Data Protection keys), so whoever copies the evidence folder cannot read
/// it. A key left in the evidence folder by an earlier version (<see cref="LegacyKeyFileName"/>) is moved there once.
/// File format: <c>AEV2</c>, media type length (1 byte), media type (ASCII), nonce, tag, cipher text. Files written
/// before the media type was stored (<c>AEV1</c>: no media type) are typed by their first bytes when read.
/// </remarks>
public sealed class FileEvidenceStore : IEvidenceStore
{
    /// <summary>The key file's name where versions before the move kept it: in the evidence folder itself.</summary>
    public const string LegacyKeyFileName = ".evidence.key";

    private static readonly byte[] MagicV1 = "AEV1"u8.ToArray();
    private static readonly byte[] MagicV2 = "AEV2"u8.ToArray();
    private const int MagicSize = 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly string _root;
    private readonly Lazy<byte[]> _key;
    private EvidenceKeyStatus _keyStatus;

    /// <summary>A store whose key is the installation's key file (created when missing and no evidence exists yet).</summary>
    public FileEvidenceStore(IOptions<RobotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.GetFullPath(options.Value.EvidenceDirectory);
        // Without a configured place (tests, tools): beside the evidence folder, never inside it, one per evidence folder.
        KeyPath = Path.GetFullPath(options.Value.EvidenceKeyPath ?? Path.Combine(_root.TrimEnd(Path.DirectorySeparatorChar) + "-keys", "evidence.key"));
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
        KeyPath = "(given key)";
        var copy = (byte[])key.Clone();
        _key = new Lazy<byte[]>(() => copy);
    }

    /// <summary>The key file this store reads (and creates on first use when no evidence exists).</summary>
    public string KeyPath { get; }

    /// <summary>Where an earlier version kept the key: inside the evidence folder.</summary>
    public string LegacyKeyPath => Path.Combine(_root, LegacyKeyFileName);

    /// <summary>
    /// Loads the key now instead of at the first save or read, so a problem stops the server at start: moves a key
    /// found in the evidence folder to <see cref="KeyPath"/> (once), and refuses to make a new key while encrypted
    /// evidence exists.
    /// </summary>
    /// <exception cref="EvidenceKeyException">The key is missing or unusable while evidence exists.</exception>
    public EvidenceKeyStatus PrepareKey()
    {
        _ = _key.Value;
        return _keyStatus;
    }

    public async Task<EvidenceReference> SaveAsync(Stream content, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!EvidenceMediaTypes.IsValid(mediaType))
        {
            throw new ArgumentException($"'{mediaType}' is not a media type (type/subtype, e.g. {EvidenceMediaTypes.Png}).", nameof(mediaType));
        }

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

        var type = Encoding.ASCII.GetBytes(mediaType);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var tag = new byte[TagSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(_key.Value, TagSize))
        {
            aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(hex, mediaType));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(_root, $".incoming-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await file.WriteAsync(MagicV2, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(new[] { (byte)type.Length }, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(type, cancellationToken).ConfigureAwait(false);
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

    public async Task<Stream?> OpenReadAsync(EvidenceReference reference, CancellationToken cancellationToken) =>
        (await OpenAsync(reference, cancellationToken).ConfigureAwait(false))?.Content;

    public async Task<EvidenceContent?> OpenAsync(EvidenceReference reference, CancellationToken cancellationToken)
    {
        var path = PathOf(reference.Sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        var stored = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var (mediaType, start) = ReadHeader(stored, reference, path);
        var header = start + NonceSize + TagSize;
        var plain = new byte[stored.Length - header];
        try
        {
            using var aes = new AesGcm(_key.Value, TagSize);
            aes.Decrypt(
                stored.AsSpan(start, NonceSize),
                stored.AsSpan(header),
                stored.AsSpan(start + NonceSize, TagSize),
                plain,
                mediaType is null ? Encoding.ASCII.GetBytes(reference.Sha256) : AssociatedData(reference.Sha256, mediaType));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new EvidenceIntegrityException(
                $"Evidence {reference} at '{path}' failed its integrity check (AES-GCM tag): the file was changed, or the evidence key is not the one it was written with (key file '{KeyPath}').", ex);
        }

        // Files from before the media type was stored: typed by their first bytes (screenshots and traces only).
        return new EvidenceContent(new MemoryStream(plain, writable: false), mediaType ?? LegacyMediaTypeOf(plain));
    }

    public async Task<string?> MediaTypeOfAsync(EvidenceReference reference, CancellationToken cancellationToken)
    {
        var path = PathOf(reference.Sha256);
        byte[] head;
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1);
            head = new byte[MagicSize + 1 + 255];
            head = head[..await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)];
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (head.AsSpan().StartsWith(MagicV2))
        {
            return ReadHeader(head, reference, path, full: false).MediaType;
        }

        // A file from before the media type was stored: only its decrypted first bytes tell.
        return (await OpenAsync(reference, cancellationToken).ConfigureAwait(false))?.MediaType;
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

    /// <summary>The stored media type (null for a v1 file) and where the nonce starts.</summary>
    private static (string? MediaType, int Start) ReadHeader(byte[] stored, EvidenceReference reference, string path, bool full = true)
    {
        if (stored.Length >= MagicSize + NonceSize + TagSize && stored.AsSpan().StartsWith(MagicV1))
        {
            return (null, MagicSize);
        }

        if (stored.Length > MagicSize && stored.AsSpan().StartsWith(MagicV2))
        {
            var length = stored[MagicSize];
            var start = MagicSize + 1 + length;
            if (stored.Length >= start + (full ? NonceSize + TagSize : 0))
            {
                var mediaType = Encoding.ASCII.GetString(stored, MagicSize + 1, length);
                if (EvidenceMediaTypes.IsValid(mediaType))
                {
                    return (mediaType, start);
                }
            }
        }

        throw new EvidenceIntegrityException($"Evidence {reference} at '{path}' is not an encrypted evidence file: it was changed or written by another program.");
    }

    private static byte[] AssociatedData(string hex, string mediaType) => Encoding.ASCII.GetBytes(hex + "\n" + mediaType);

    private static string LegacyMediaTypeOf(ReadOnlySpan<byte> plain) =>
        plain.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? EvidenceMediaTypes.Png
        : plain.StartsWith("PK\u0003\u0004"u8) ? EvidenceMediaTypes.Trace
        : EvidenceMediaTypes.Bytes;

    private byte[] LoadOrCreateKey()
    {
        if (File.Exists(KeyPath))
        {
            var key = ReadKey(KeyPath);
            if (File.Exists(LegacyKeyPath))
            {
                // A move that stopped between writing the new file and deleting the old one: finish it, unless they differ.
                if (!ReadKey(LegacyKeyPath).AsSpan().SequenceEqual(key))
                {
                    throw new EvidenceKeyException(
                        $"Two different evidence keys exist: '{KeyPath}' and the old '{LegacyKeyPath}'. Keep the one the evidence was written with (the server reads '{KeyPath}'), and delete the other.");
                }

                File.Delete(LegacyKeyPath);
                _keyStatus = EvidenceKeyStatus.Moved;
                return key;
            }

            _keyStatus = EvidenceKeyStatus.Loaded;
            return key;
        }

        if (File.Exists(LegacyKeyPath))
        {
            var key = ReadKey(LegacyKeyPath);
            WriteKey(key);
            File.Delete(LegacyKeyPath);
            _keyStatus = EvidenceKeyStatus.Moved;
            return key;
        }

        var stored = List().Count;
        if (stored > 0)
        {
            throw new EvidenceKeyException(
                $"The evidence key '{KeyPath}' is missing, but '{_root}' holds {stored} encrypted evidence files that only that key can read. "
                + $"Restore evidence.key from this installation's backup of the keys folder to '{KeyPath}' (owner-only, mode 0600). "
                + $"To start without the old evidence instead, move '{Path.Combine(_root, "sha256")}' elsewhere; a new key is then made.");
        }

        var created = RandomNumberGenerator.GetBytes(32);
        try
        {
            WriteKey(created);
            _keyStatus = EvidenceKeyStatus.Created;
            return created;
        }
        catch (IOException) when (File.Exists(KeyPath))
        {
            // Another store created it first: use theirs.
            _keyStatus = EvidenceKeyStatus.Loaded;
            return ReadKey(KeyPath);
        }
    }

    private static byte[] ReadKey(string path)
    {
        var stored = File.ReadAllBytes(path);
        return stored.Length == 32
            ? stored
            : throw new EvidenceKeyException($"The evidence key file '{path}' holds {stored.Length} bytes, not 32: restore it from the backup of this installation's keys folder.");
    }

    // Written to a temporary name and moved, so a crash never leaves a short key file at KeyPath.
    private void WriteKey(byte[] key)
    {
        var folder = Path.GetDirectoryName(KeyPath)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var temporary = KeyPath + ".new-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(key);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, KeyPath, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string PathOf(string hex) => Path.Combine(_root, "sha256", hex[..2], hex);
}

/// <summary>What <see cref="FileEvidenceStore.PrepareKey"/> found.</summary>
public enum EvidenceKeyStatus
{
    /// <summary>The key file was there and read.</summary>
    Loaded,

    /// <summary>No key and no evidence yet: a new key was made.</summary>
    Created,

    /// <summary>The key was found in the evidence folder (an earlier version's place) and moved to the keys folder.</summary>
    Moved,
}
