using System.Security.Cryptography;
using System.Text;
using Automation.Robots.Evidence;
using Automation.Robots.Targets;
using Microsoft.Extensions.Options;

namespace Automation.Robots.Tests.Evidence;

public sealed class FileEvidenceStoreTests : IDisposable
{
    // The first bytes of every PNG file.
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "evidence-tests-" + Guid.NewGuid().ToString("N"));

    private string EvidenceFolder => Path.Combine(_directory, "evidence");

    private string KeyPath => Path.Combine(_directory, "keys", "evidence.key");

    [Fact]
    public async Task SaveAsync_SameBytesTwice_OneFileNamedByItsSha256()
    {
        var store = Store();
        var bytes = Encoding.UTF8.GetBytes("skærmbillede");

        var first = await store.SaveAsync(new MemoryStream(bytes), EvidenceMediaTypes.Bytes, CancellationToken.None);
        var second = await store.SaveAsync(new MemoryStream(bytes), EvidenceMediaTypes.Bytes, CancellationToken.None);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal("evidence:sha256:" + sha, first.ToString());
        Assert.Equal(first, second);
        Assert.Equal(bytes, await ReadAsync(store, first));
        Assert.Single(Directory.GetFiles(Path.Combine(EvidenceFolder, "sha256"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SaveAsync_Png_FileOnDiskIsEncryptedAndReadsBackDecrypted()
    {
        var store = Store();
        byte[] png = [.. PngSignature, .. Encoding.UTF8.GetBytes("IHDR Jens Hansen 010203-1234")];

        var reference = await store.SaveAsync(new MemoryStream(png), EvidenceMediaTypes.Png, CancellationToken.None);

        var onDisk = await File.ReadAllBytesAsync(PathOf(reference));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf(PngSignature));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("Jens Hansen"u8));
        Assert.Equal(png, await ReadAsync(store, reference));
    }

    [Fact]
    public async Task SaveAsync_WithoutKey_CreatesAnOwnerOnlyKeyInTheKeysFolderNotBesideTheEvidence()
    {
        var store = new FileEvidenceStore(Options());

        var reference = await store.SaveAsync(new MemoryStream([1, 2, 3]), EvidenceMediaTypes.Bytes, CancellationToken.None);

        Assert.Equal(32, new FileInfo(KeyPath).Length);
        Assert.Empty(Directory.GetFiles(EvidenceFolder, "*key*", SearchOption.AllDirectories));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }

        var reopened = new FileEvidenceStore(Options());
        Assert.Equal([1, 2, 3], await ReadAsync(reopened, reference));
    }

    [Fact]
    public async Task PrepareKey_KeyInTheEvidenceFolderOfAnOlderVersion_MovesItOnceAndOldEvidenceStillReads()
    {
        var reference = await new FileEvidenceStore(Options()).SaveAsync(new MemoryStream([4, 5, 6]), EvidenceMediaTypes.Bytes, CancellationToken.None);
        File.Move(KeyPath, Path.Combine(EvidenceFolder, FileEvidenceStore.LegacyKeyFileName));

        var upgraded = new FileEvidenceStore(Options());
        var first = upgraded.PrepareKey();
        var second = new FileEvidenceStore(Options()).PrepareKey();

        Assert.Equal(EvidenceKeyStatus.Moved, first);
        Assert.Equal(EvidenceKeyStatus.Loaded, second);
        Assert.False(File.Exists(Path.Combine(EvidenceFolder, FileEvidenceStore.LegacyKeyFileName)));
        Assert.Equal(32, new FileInfo(KeyPath).Length);
        Assert.Equal([4, 5, 6], await ReadAsync(upgraded, reference));
    }

    [Fact]
    public async Task PrepareKey_KeyMissingWhileEvidenceExists_RefusesNamingTheKeyFileAndTheFix()
    {
        await new FileEvidenceStore(Options()).SaveAsync(new MemoryStream([7, 8, 9]), EvidenceMediaTypes.Bytes, CancellationToken.None);
        File.Delete(KeyPath);

        var error = Assert.Throws<EvidenceKeyException>(() => new FileEvidenceStore(Options()).PrepareKey());

        Assert.Contains($"The evidence key '{KeyPath}' is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 encrypted evidence files", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restore evidence.key", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyPath));
    }

    [Theory]
    [InlineData(EvidenceMediaTypes.Png)]
    [InlineData(EvidenceMediaTypes.Trace)]
    [InlineData(EvidenceMediaTypes.ActionLog)]
    public async Task OpenAsync_SavedWithAMediaType_ReturnsThatTypeWhateverTheBytes(string mediaType)
    {
        var store = Store();
        byte[] bytes = [.. PngSignature, .. Encoding.UTF8.GetBytes(mediaType)];
        var reference = await store.SaveAsync(new MemoryStream(bytes), mediaType, CancellationToken.None);

        var content = await store.OpenAsync(reference, CancellationToken.None);

        Assert.NotNull(content);
        Assert.Equal(mediaType, content.MediaType);
        Assert.Equal(mediaType, await store.MediaTypeOfAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_MediaTypeEditedOnDisk_FailsItsIntegrityCheck()
    {
        var store = Store();
        var reference = await store.SaveAsync(new MemoryStream("{\"steps\":[]}"u8.ToArray()), EvidenceMediaTypes.ActionLog, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(PathOf(reference));
        var at = bytes.AsSpan().IndexOf("application/json"u8);
        "application/html"u8.CopyTo(bytes.AsSpan(at));
        await File.WriteAllBytesAsync(PathOf(reference), bytes);

        var error = await Assert.ThrowsAsync<EvidenceIntegrityException>(() => store.OpenAsync(reference, CancellationToken.None));

        Assert.Contains("failed its integrity check (AES-GCM tag)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_FileOfTheFormatWithoutMediaType_StillReadsAndIsTypedByItsBytes()
    {
        byte[] png = [.. PngSignature, .. "old screenshot"u8];
        var hex = Convert.ToHexStringLower(SHA256.HashData(png));
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[png.Length];
        using (var aes = new AesGcm(TestKey, 16))
        {
            aes.Encrypt(nonce, png, cipher, tag, Encoding.ASCII.GetBytes(hex));
        }

        var reference = new EvidenceReference(hex);
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(reference))!);
        await File.WriteAllBytesAsync(PathOf(reference), [.. "AEV1"u8, .. nonce, .. tag, .. cipher]);

        var content = await Store().OpenAsync(reference, CancellationToken.None);

        Assert.NotNull(content);
        Assert.Equal(EvidenceMediaTypes.Png, content.MediaType);
        Assert.Equal(EvidenceMediaTypes.Png, await Store().MediaTypeOfAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task OpenReadAsync_TamperedFile_FailsItsIntegrityCheck()
    {
        var store = Store();
        var reference = await store.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("kvittering")), EvidenceMediaTypes.Bytes, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(PathOf(reference));
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(PathOf(reference), bytes);

        var error = await Assert.ThrowsAsync<EvidenceIntegrityException>(() => store.OpenReadAsync(reference, CancellationToken.None));

        Assert.Contains("failed its integrity check (AES-GCM tag)", error.Message, StringComparison.Ordinal);
        Assert.Contains(reference.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_OtherKey_FailsInsteadOfReturningGarbage()
    {
        var reference = await Store().SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("kvittering")), EvidenceMediaTypes.Bytes, CancellationToken.None);
        var other = new FileEvidenceStore(Options(), RandomNumberGenerator.GetBytes(32));

        var error = await Assert.ThrowsAsync<EvidenceIntegrityException>(() => other.OpenReadAsync(reference, CancellationToken.None));

        Assert.Contains("evidence key is not the one it was written with", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_UnknownReference_IsNull()
    {
        var unknown = new EvidenceReference(new string('0', 64));

        Assert.Null(await Store().OpenReadAsync(unknown, CancellationToken.None));
    }

    [Theory]
    [InlineData("evidence:sha256:abc")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(null)]
    public void TryParse_NotAReference_IsFalse(string? text) =>
        Assert.False(EvidenceReference.TryParse(text, out _));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static readonly byte[] TestKey = SHA256.HashData("test evidence key"u8);

    private FileEvidenceStore Store() => new(Options(), TestKey);

    private IOptions<RobotOptions> Options() => Microsoft.Extensions.Options.Options.Create(new RobotOptions { EvidenceDirectory = EvidenceFolder, EvidenceKeyPath = KeyPath });

    private string PathOf(EvidenceReference reference) => Path.Combine(EvidenceFolder, "sha256", reference.Sha256[..2], reference.Sha256);

    private static async Task<byte[]> ReadAsync(FileEvidenceStore store, EvidenceReference reference)
    {
        await using var content = await store.OpenReadAsync(reference, CancellationToken.None);
        Assert.NotNull(content);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
