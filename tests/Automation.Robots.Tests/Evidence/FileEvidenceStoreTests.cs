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

    [Fact]
    public async Task SaveAsync_SameBytesTwice_OneFileNamedByItsSha256()
    {
        var store = Store();
        var bytes = Encoding.UTF8.GetBytes("skærmbillede");

        var first = await store.SaveAsync(new MemoryStream(bytes), CancellationToken.None);
        var second = await store.SaveAsync(new MemoryStream(bytes), CancellationToken.None);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal("evidence:sha256:" + sha, first.ToString());
        Assert.Equal(first, second);
        Assert.Equal(bytes, await ReadAsync(store, first));
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, "sha256"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SaveAsync_Png_FileOnDiskIsEncryptedAndReadsBackDecrypted()
    {
        var store = Store();
        byte[] png = [.. PngSignature, .. Encoding.UTF8.GetBytes("IHDR Jens Hansen 010203-1234")];

        var reference = await store.SaveAsync(new MemoryStream(png), CancellationToken.None);

        var onDisk = await File.ReadAllBytesAsync(PathOf(reference));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf(PngSignature));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("Jens Hansen"u8));
        Assert.Equal(png, await ReadAsync(store, reference));
    }

    [Fact]
    public async Task SaveAsync_WithoutKey_CreatesAKeyFileOnlyTheOwnerCanRead()
    {
        var store = new FileEvidenceStore(Options.Create(new RobotOptions { EvidenceDirectory = _directory }));

        var reference = await store.SaveAsync(new MemoryStream([1, 2, 3]), CancellationToken.None);

        var key = Path.Combine(_directory, FileEvidenceStore.KeyFileName);
        Assert.Equal(32, new FileInfo(key).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        var reopened = new FileEvidenceStore(Options.Create(new RobotOptions { EvidenceDirectory = _directory }));
        Assert.Equal([1, 2, 3], await ReadAsync(reopened, reference));
    }

    [Fact]
    public async Task OpenReadAsync_TamperedFile_FailsItsIntegrityCheck()
    {
        var store = Store();
        var reference = await store.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("kvittering")), CancellationToken.None);
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
        var reference = await Store().SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("kvittering")), CancellationToken.None);
        var other = new FileEvidenceStore(Options.Create(new RobotOptions { EvidenceDirectory = _directory }), RandomNumberGenerator.GetBytes(32));

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

    private FileEvidenceStore Store() => new(Options.Create(new RobotOptions { EvidenceDirectory = _directory }), TestKey);

    private string PathOf(EvidenceReference reference) => Path.Combine(_directory, "sha256", reference.Sha256[..2], reference.Sha256);

    private static async Task<byte[]> ReadAsync(FileEvidenceStore store, EvidenceReference reference)
    {
        await using var content = await store.OpenReadAsync(reference, CancellationToken.None);
        Assert.NotNull(content);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
