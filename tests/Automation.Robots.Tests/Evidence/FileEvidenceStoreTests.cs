using System.Security.Cryptography;
using System.Text;
using Automation.Robots.Evidence;
using Automation.Robots.Targets;
using Microsoft.Extensions.Options;

namespace Automation.Robots.Tests.Evidence;

public sealed class FileEvidenceStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "evidence-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SaveAsync_SameBytesTwice_OneFileNamedByItsSha256()
    {
        var store = new FileEvidenceStore(Options.Create(new RobotOptions { EvidenceDirectory = _directory }));
        var bytes = Encoding.UTF8.GetBytes("skærmbillede");

        var first = await store.SaveAsync(new MemoryStream(bytes), CancellationToken.None);
        var second = await store.SaveAsync(new MemoryStream(bytes), CancellationToken.None);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal("evidence:sha256:" + sha, first.ToString());
        Assert.Equal(first, second);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.Find(first)!));
        Assert.Single(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
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
}
