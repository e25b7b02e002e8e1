using System.Text.Json.Nodes;
using Automation.Connectors.FileDrops;
using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Connectors.Tests.FileDrops;

/// <summary>
/// What a restarted watcher does with the files a crashed process left in processing/: each gets exactly one instance
/// (the one its marker names when it was stored, a new one otherwise), and ends in processed/.
/// </summary>
public sealed class FileDropRecoveryTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "automation-filedrop-tests", Guid.NewGuid().ToString("N"));
    private readonly TestHost _host;

    public FileDropRecoveryTests()
    {
        _host = new TestHost(services =>
        {
            // Real time: the watcher waits for files to settle on the real clock.
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddFileDrops();
            services.Configure<FileDropOptions>(o =>
            {
                o.SettleInterval = TimeSpan.FromMilliseconds(100);
                o.ScanInterval = TimeSpan.FromMilliseconds(200);
                o.StatusInterval = TimeSpan.FromMilliseconds(20);
            });
        });
        Directory.CreateDirectory(Path.Combine(_folder, "processing"));
    }

    private FileDropWatcher Watcher => _host.Get<FileDropWatcher>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Watcher.DisposeAsync();

    public void Dispose()
    {
        _host.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder later.
        }
    }

    [Fact]
    public async Task Start_FilesLeftInProcessingWithoutStoredInstance_StartsExactlyOneEach()
    {
        var definition = await PublishAsync();
        var markedId = Guid.CreateVersion7().ToString("N");
        await File.WriteAllTextAsync(Processing("marked.csv"), "Id\n1\n2\n");
        await File.WriteAllTextAsync(Processing("marked.csv.instance"), markedId);
        await File.WriteAllTextAsync(Processing("unmarked.csv"), "Id\n1\n");

        await Watcher.StartAsync(CancellationToken.None);

        await WaitForFileAsync(Path.Combine(_folder, "processed", "marked.csv"));
        await WaitForFileAsync(Path.Combine(_folder, "processed", "unmarked.csv"));
        var instances = await InstancesAsync(definition.Id);
        Assert.Equal(2, instances.Count);
        Assert.Contains(instances, i => i.Id == markedId && i.Status == InstanceStatus.Finished);
        Assert.All(instances, i => Assert.Equal(InstanceStatus.Finished, i.Status));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "processing")));
    }

    [Fact]
    public async Task Start_FileLeftInProcessingWhoseInstanceFinished_MovesItWithoutRunningAgain()
    {
        var definition = await PublishAsync();
        var file = Processing("done.csv");
        await File.WriteAllTextAsync(file, "Id\n1\n");
        var instanceId = Guid.CreateVersion7().ToString("N");
        var run = await _host.Runtime.StartAsync(definition, new StartOptions { InstanceId = instanceId, Input = new JsonObject { ["file"] = file } }, CancellationToken.None);
        Assert.Equal(InstanceStatus.Finished, run.Status);
        await File.WriteAllTextAsync(file + ".instance", instanceId);

        await Watcher.StartAsync(CancellationToken.None);

        await WaitForFileAsync(Path.Combine(_folder, "processed", "done.csv"));
        var instance = Assert.Single(await InstancesAsync(definition.Id));
        Assert.Equal(instanceId, instance.Id);
        Assert.False(File.Exists(file + ".instance"));
    }

    private string Processing(string name) => Path.Combine(_folder, "processing", name);

    private async Task<WorkflowDefinition> PublishAsync()
    {
        var definition = TestHost.Parse($$"""
            {
              "id": "drop-recovery", "name": "Drop recovery",
              "triggers": [ { "kind": "fileDrop", "path": {{System.Text.Json.JsonSerializer.Serialize(_folder)}}, "pattern": "*.csv" } ],
              "variables": [ { "name": "result", "type": "Object" } ],
              "root": { "activities": [ { "id": "read", "type": "CsvRead", "inputs": { "path": { "js": "input.file" }, "resultVariable": "result" } } ] }
            }
            """);
        var store = _host.Get<IDefinitionStore>();
        await store.SaveDraftAsync(definition, CancellationToken.None);
        return await store.PublishAsync(definition.Id, CancellationToken.None);
    }

    private async Task<IReadOnlyList<InstanceSummary>> InstancesAsync(string definitionId) =>
        (await _host.Get<IInstanceQueries>().ListAsync(new InstanceFilter(definitionId), 0, 100, CancellationToken.None)).Items;

    /// <summary>Waits on the watcher's passes (not a fixed sleep) until <paramref name="path"/> exists.</summary>
    private async Task WaitForFileAsync(string path)
    {
        var found = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnScanned(object? sender, FileDropScanEventArgs scan)
        {
            if (File.Exists(path))
            {
                found.TrySetResult();
            }
        }

        Watcher.Scanned += OnScanned;
        try
        {
            if (!File.Exists(path))
            {
                await found.Task.WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        finally
        {
            Watcher.Scanned -= OnScanned;
        }
    }
}
