using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Automation.Server.Tests.Scheduling;

/// <summary>A server is stopped while an instance waits on a Delay, and a new one is started on the same data folder.</summary>
public sealed class DelayRestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "automation-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Restart_PendingDelay_FinishesAfterItsDueTime()
    {
        var (instanceId, dueAt) = await StartDelayedAndStopAsync("delay-restart", "00:00:02", async (factory, bookmark) =>
        {
            // The timer is in Quartz's tables in the database file, not only in memory.
            var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.True(await scheduler.Exists(new TriggerKey(bookmark["id"]!.GetValue<string>(), "timers")), "the Delay has a stored trigger");
        });

        await using var restarted = new ServerFactory(_dataDirectory);
        using var owner = await restarted.SignedInAsAsync("delay-owner", Roles.ProcessOwner);
        var finished = await Calls.WaitForStatusAsync(owner, instanceId, "Finished");

        Assert.True(finished["output"]!["done"]!.GetValue<bool>());
        Assert.True(finished["finishedAt"]!.GetValue<DateTimeOffset>() >= dueAt, $"finished at {finished["finishedAt"]}, due {dueAt:O}");
    }

    [Fact]
    public async Task Restart_DelayDueWhileDown_FiresRightAfterStart()
    {
        var (instanceId, dueAt) = await StartDelayedAndStopAsync("delay-missed", "00:00:01", (_, _) => Task.CompletedTask);
        var downFor = dueAt - DateTimeOffset.UtcNow;
        if (downFor > TimeSpan.Zero)
        {
            // The due time must pass while no server runs: that is the situation under test.
            await Task.Delay(downFor + TimeSpan.FromMilliseconds(100));
        }

        // A sweep of an hour cannot be what resumes it: the misfired trigger must fire at start-up.
        await using var restarted = new ServerFactory(_dataDirectory).With("Automation:Scheduling:OverdueTimerSweepInterval", "01:00:00");
        using var owner = await restarted.SignedInAsAsync("delay-owner", Roles.ProcessOwner);
        var finished = await Calls.WaitForStatusAsync(owner, instanceId, "Finished");

        Assert.True(finished["output"]!["done"]!.GetValue<bool>());
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

    /// <summary>Starts <paramref name="id"/> (a Delay of <paramref name="duration"/>), sees it suspended, then stops the server.</summary>
    private async Task<(string InstanceId, DateTimeOffset DueAt)> StartDelayedAndStopAsync(string id, string duration, Func<ServerFactory, JsonObject, Task> whileRunning)
    {
        await using var first = new ServerFactory(_dataDirectory);
        using var owner = await first.SignedInAsAsync("delay-owner", Roles.ProcessOwner);
        await Calls.PublishAsync(owner, Flows.Delayed(id, duration));
        var started = await (await Calls.ExpectAsync(owner.PostAsJsonAsync($"/api/definitions/{id}/execute", new { }), HttpStatusCode.Accepted)).ReadObjectAsync();
        var instanceId = started["instanceId"]!.GetValue<string>();
        var suspended = await Calls.WaitForStatusAsync(owner, instanceId, "Suspended");
        var bookmark = suspended["bookmarks"]![0]!.AsObject();
        await whileRunning(first, bookmark);
        return (instanceId, bookmark["dueAt"]!.GetValue<DateTimeOffset>());
    }
}
