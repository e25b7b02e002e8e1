using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Automation.Connectors.FileDrops;
using Automation.Server.Tests.Scheduling;

namespace Automation.Server.Tests.FileDrops;

public sealed class FileDropTriggerTests(FileDropFixture server) : IClassFixture<FileDropFixture>
{
    [Fact]
    public async Task Drop_CompleteFile_StartsOneInstanceAndEndsInProcessed()
    {
        var folder = server.NewFolder("complete");
        await Calls.PublishAsync(server.Owner, ReadFlow("drop-complete", folder));
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a csv");

        await File.WriteAllTextAsync(Path.Combine(folder, "orders.csv"), "Id;Navn\n1;Åse\n2;Bo\n");

        var processed = Path.Combine(folder, "processed", "orders.csv");
        await Calls.WaitForAsync(() => Task.FromResult(File.Exists(processed) ? processed : null), "orders.csv in processed/");
        var instances = await Calls.InstancesAsync(server.Owner, "drop-complete");
        var instance = await Calls.WaitForStatusAsync(server.Owner, Assert.Single(instances)!["id"]!.GetValue<string>(), "Finished");
        Assert.Equal(2, instance["output"]!["rowCount"]!.GetValue<int>());
        Assert.Equal("orders.csv", instance["input"]!["name"]!.GetValue<string>());
        Assert.Equal(Path.Combine(folder, "processing", "orders.csv"), instance["input"]!["file"]!.GetValue<string>());
        Assert.Equal(new FileInfo(processed).Length, instance["input"]!["size"]!.GetValue<long>());
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "processing")));
        Assert.Equal([Path.Combine(folder, "notes.txt")], Directory.GetFiles(folder));

        // Later passes over the folder start nothing more.
        await WaitForScansAsync(2, _ => true);
        Assert.Single(await Calls.InstancesAsync(server.Owner, "drop-complete"));
    }

    [Fact]
    public async Task Drop_FileStillBeingWritten_IsNotTakenUntilItIsComplete()
    {
        var folder = server.NewFolder("slow");
        await Calls.PublishAsync(server.Owner, ReadFlow("drop-slow", folder));
        var path = Path.Combine(folder, "slow.csv");
        var rows = 0;

        await using (var writer = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)))
        {
            await writer.WriteAsync("Id;Navn\n");
            await writer.FlushAsync();

            // Growing: a few rows after each pass of the watcher, which sees the file and waits.
            for (var i = 0; i < 5; i++)
            {
                await WaitForScansAsync(1, scan => scan.Waiting.Contains(path));
                await writer.WriteAsync($"{++rows};Række {rows}\n{++rows};Række {rows}\n");
                await writer.FlushAsync();
            }

            // Unchanged for well over the settle interval, but still held open by its writer.
            var quiet = Stopwatch.StartNew();
            await WaitForScansAsync(1, _ => quiet.Elapsed > FileDropFixture.Settle * 3);
            Assert.True(File.Exists(path), "the file was taken while its writer still held it open");
            Assert.Empty(await Calls.InstancesAsync(server.Owner, "drop-slow"));

            await writer.WriteAsync($"{++rows};Sidste række\n");
        }

        var processed = Path.Combine(folder, "processed", "slow.csv");
        await Calls.WaitForAsync(() => Task.FromResult(File.Exists(processed) ? processed : null), "slow.csv in processed/");
        var instances = await Calls.InstancesAsync(server.Owner, "drop-slow");
        var instance = await Calls.WaitForStatusAsync(server.Owner, Assert.Single(instances)!["id"]!.GetValue<string>(), "Finished");
        Assert.Equal(rows, instance["output"]!["rowCount"]!.GetValue<int>());
        Assert.Equal(new FileInfo(processed).Length, instance["input"]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Drop_FlowFaults_MovesTheFileToRejectedWithTheReason()
    {
        var folder = server.NewFolder("faults");
        await Calls.PublishAsync(server.Owner, ReadFlow("drop-faults", folder));

        await File.WriteAllTextAsync(Path.Combine(folder, "bad.csv"), "Id;Navn\n1;Åse\n2;Bo;ekstra\n");

        var rejected = Path.Combine(folder, "rejected", "bad.csv");
        var reason = await Calls.WaitForAsync(() => Task.FromResult(File.Exists(rejected + ".reason.txt") ? rejected + ".reason.txt" : null), "bad.csv.reason.txt in rejected/");
        Assert.True(File.Exists(rejected));
        var text = await File.ReadAllTextAsync(reason);
        Assert.Contains("'drop-faults' v1 faulted", text, StringComparison.Ordinal);
        Assert.Contains("line 3: has 3 fields, but the header has 2", text, StringComparison.Ordinal);
        var instance = Assert.Single(await Calls.InstancesAsync(server.Owner, "drop-faults"))!;
        Assert.Equal("Faulted", instance["status"]!.GetValue<string>());
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "processed")));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "processing")));
    }

    [Fact]
    public async Task Publish_RelativeDropFolder_IsRefusedNamingTheFix()
    {
        var response = await Calls.TryPublishAsync(server.Owner, ReadFlow("drop-relative", "drops/orders"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("full path of the folder to watch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_FolderOfAnotherWorkflow_IsRefusedAsConflict()
    {
        var folder = server.NewFolder("shared");
        await Calls.PublishAsync(server.Owner, ReadFlow("drop-owner", folder));

        var response = await Calls.TryPublishAsync(server.Owner, ReadFlow("drop-intruder", folder));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already watched by workflow 'drop-owner'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Waits for <paramref name="count"/> passes of the watcher that satisfy <paramref name="condition"/>.</summary>
    private async Task WaitForScansAsync(int count, Func<FileDropScanEventArgs, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        void OnScanned(object? sender, FileDropScanEventArgs scan)
        {
            if (condition(scan) && Interlocked.Increment(ref seen) >= count)
            {
                done.TrySetResult();
            }
        }

        server.Watcher.Scanned += OnScanned;
        try
        {
            await done.Task.WaitAsync(Calls.WaitLimit);
        }
        finally
        {
            server.Watcher.Scanned -= OnScanned;
        }
    }

    /// <summary>Reads the dropped CSV (every bad row faults) and outputs its row count.</summary>
    private static string ReadFlow(string id, string folder) => $$"""
        {
          "id": "{{id}}", "name": "File drop {{id}}",
          "triggers": [ { "kind": "fileDrop", "path": {{JsonSerializer.Serialize(folder)}}, "pattern": "*.csv" } ],
          "variables": [ { "name": "result", "type": "Object" } ],
          "outputs": [ { "name": "rowCount", "type": "Integer" } ],
          "root": {
            "activities": [
              { "id": "read", "type": "CsvRead", "inputs": { "path": { "js": "input.file" }, "resultVariable": "result" } },
              { "id": "count", "type": "SetOutput", "inputs": { "output": "rowCount", "value": { "js": "variables.result.rowCount" } } }
            ],
            "connections": [ { "source": { "activity": "read", "port": "Done" }, "target": { "activity": "count" } } ]
          }
        }
        """;
}
