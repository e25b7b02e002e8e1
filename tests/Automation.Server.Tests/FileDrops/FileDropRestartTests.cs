using System.Text.Json;
using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;
using Automation.Server.Tests.Scheduling;

namespace Automation.Server.Tests.FileDrops;

/// <summary>A server is stopped while the instance of a dropped file waits on a Delay; a new one starts on the same data folder.</summary>
public sealed class FileDropRestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "automation-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Restart_FileInProcessing_FinishesWithItsOwnInstanceAndEndsInProcessed()
    {
        var folder = Path.Combine(_dataDirectory, "drops", "restart");
        Directory.CreateDirectory(folder);
        string instanceId;
        await using (var first = Server())
        {
            using var owner = await first.SignedInAsAsync("drop-owner", Roles.ProcessOwner);
            await Calls.PublishAsync(owner, DelayedReadFlow("drop-restart", folder));
            await File.WriteAllTextAsync(Path.Combine(folder, "orders.csv"), "Id;Navn\n1;Åse\n2;Bo\n3;Ib\n");

            var instances = await Calls.WaitForInstancesAsync(owner, "drop-restart", 1);
            instanceId = instances[0]!["id"]!.GetValue<string>();
            await Calls.WaitForStatusAsync(owner, instanceId, "Suspended");
            Assert.True(File.Exists(Path.Combine(folder, "processing", "orders.csv")));
            Assert.Equal(instanceId, await File.ReadAllTextAsync(Path.Combine(folder, "processing", "orders.csv.instance")));
        }

        await using var restarted = Server();
        using var again = await restarted.SignedInAsAsync("drop-owner", Roles.ProcessOwner);
        var processed = Path.Combine(folder, "processed", "orders.csv");
        await Calls.WaitForAsync(() => Task.FromResult(File.Exists(processed) ? processed : null), "orders.csv in processed/ after the restart");

        var instance = Assert.Single(await Calls.InstancesAsync(again, "drop-restart"))!;
        Assert.Equal(instanceId, instance["id"]!.GetValue<string>());
        var finished = await Calls.WaitForStatusAsync(again, instanceId, "Finished");
        Assert.Equal(3, finished["output"]!["rowCount"]!.GetValue<int>());
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "processing")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be open for a moment; the temp folder is cleaned by the OS later.
        }
    }

    private ServerFactory Server() => new ServerFactory(_dataDirectory)
        .With("Automation:FileDrops:SettleInterval", "00:00:00.200")
        .With("Automation:FileDrops:ScanInterval", "00:00:00.500")
        .With("Automation:FileDrops:StatusInterval", "00:00:00.050");

    /// <summary>Reads the dropped CSV, waits two seconds (long enough to stop the server), then outputs the row count.</summary>
    private static string DelayedReadFlow(string id, string folder) => $$"""
        {
          "id": "{{id}}", "name": "File drop {{id}}",
          "triggers": [ { "kind": "fileDrop", "path": {{JsonSerializer.Serialize(folder)}}, "pattern": "*.csv" } ],
          "variables": [ { "name": "result", "type": "Object" } ],
          "outputs": [ { "name": "rowCount", "type": "Integer" } ],
          "root": {
            "activities": [
              { "id": "read", "type": "CsvRead", "inputs": { "path": { "js": "input.file" }, "resultVariable": "result" } },
              { "id": "wait", "type": "Delay", "inputs": { "duration": "00:00:02" } },
              { "id": "count", "type": "SetOutput", "inputs": { "output": "rowCount", "value": { "js": "variables.result.rowCount" } } }
            ],
            "connections": [
              { "source": { "activity": "read", "port": "Done" }, "target": { "activity": "wait" } },
              { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "count" } }
            ]
          }
        }
        """;
}
