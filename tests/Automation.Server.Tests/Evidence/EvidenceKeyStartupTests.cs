using System.Net;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;
using Automation.Server.Evidence;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Evidence;

public sealed class EvidenceKeyStartupTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "automation-tests", Guid.NewGuid().ToString("N"));

    private string KeyPath => Path.Combine(_data, "keys", "evidence.key");

    private string LegacyKeyPath => Path.Combine(_data, "evidence", FileEvidenceStore.LegacyKeyFileName);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Start_FirstTime_KeyIsInTheKeysFolderAndNotInTheEvidenceFolder()
    {
        using var server = new ServerFactory(_data);
        await server.Services.GetRequiredService<IEvidenceStore>().SaveAsync(new MemoryStream([1, 2, 3]), EvidenceMediaTypes.Bytes, CancellationToken.None);

        Assert.True(File.Exists(KeyPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_data, "evidence"), "*key*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Start_KeyBesideTheEvidenceFromAnOlderVersion_MovesItRecordsTheMoveAndServesTheOldEvidence()
    {
        // Arrange: an install whose key still lies in the evidence folder, as earlier versions kept it.
        EvidenceReference reference;
        using (var first = new ServerFactory(_data))
        {
            reference = await first.Services.GetRequiredService<IEvidenceStore>().SaveAsync(new MemoryStream([.. "old screenshot"u8]), EvidenceMediaTypes.Png, CancellationToken.None);
        }

        File.Move(KeyPath, LegacyKeyPath);

        // Act: start the new version.
        using var second = new ServerFactory(_data);
        using var auditor = await second.SignedInAsAsync("key-auditor", Automation.Server.Security.Roles.Auditor);
        using var response = await auditor.GetAsync($"/api/evidence/{reference.Sha256}");

        // Assert: the key moved once, the move is in the run log, the old evidence still reads.
        Assert.True(File.Exists(KeyPath));
        Assert.False(File.Exists(LegacyKeyPath));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("old screenshot"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
        var moved = await second.Services.GetRequiredService<IRunLogReader>().QueryAsync(new RunLogQuery { Type = EvidenceEventTypes.KeyMoved }, CancellationToken.None);
        var record = Assert.Single(moved);
        Assert.Contains(KeyPath, record.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EvidenceButNoKey_FailsNamingTheKeyFileInsteadOfMakingANewKey()
    {
        using (var first = new ServerFactory(_data))
        {
            await first.Services.GetRequiredService<IEvidenceStore>().SaveAsync(new MemoryStream([9, 9, 9]), EvidenceMediaTypes.Bytes, CancellationToken.None);
        }

        File.Delete(KeyPath);

        using var second = new ServerFactory(_data);
        var error = Record.Exception(() => second.CreateClient());

        Assert.NotNull(error);
        var message = error.ToString();
        Assert.Contains($"The evidence key '{KeyPath}' is missing", message, StringComparison.Ordinal);
        Assert.Contains("Restore evidence.key", message, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyPath));
    }
}
