using Automation.Connectors.FileDrops;
using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.FileDrops;

/// <summary>One server per test class with short file-drop intervals, a process owner signed in, and a temp root for drop folders.</summary>
public sealed class FileDropFixture : IAsyncLifetime
{
    /// <summary>How long a dropped file must stay unchanged (and not held open) before it is taken.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    public ServerFactory Factory { get; } = new ServerFactory()
        .With("Automation:FileDrops:SettleInterval", "00:00:00.300")
        .With("Automation:FileDrops:ScanInterval", "00:00:00.500")
        .With("Automation:FileDrops:StatusInterval", "00:00:00.050");

    public HttpClient Owner { get; private set; } = null!;

    public FileDropWatcher Watcher => Factory.Services.GetRequiredService<FileDropWatcher>();

    /// <summary>A new, empty drop folder under the server's data folder (deleted with it).</summary>
    public string NewFolder(string name)
    {
        var folder = Path.Combine(Factory.DataDirectory, "drops", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public async Task InitializeAsync() => Owner = await Factory.SignedInAsAsync("file-drop-owner", Roles.ProcessOwner);

    public async Task DisposeAsync()
    {
        Owner.Dispose();
        await Factory.DisposeAsync();
    }
}
