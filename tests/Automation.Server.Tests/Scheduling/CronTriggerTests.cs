using System.Net;
using System.Text.Json.Nodes;
using Automation.Server.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Automation.Server.Tests.Scheduling;

public sealed class CronTriggerTests(SchedulingFixture server) : IClassFixture<SchedulingFixture>
{
    private const string EverySecond = """[{ "kind": "cron", "cron": "*/1 * * * * ?" }]""";

    [Fact]
    public async Task Publish_CronEverySecond_StartsOneInstancePerSlot()
    {
        await Calls.PublishAsync(server.Owner, Flows.Scheduled("cron-every-second", EverySecond));

        var instances = await Calls.WaitForInstancesAsync(server.Owner, "cron-every-second", 3);

        var slots = new List<DateTimeOffset>();
        foreach (var summary in instances.Take(3))
        {
            var instance = await Calls.WaitForStatusAsync(server.Owner, summary!["id"]!.GetValue<string>(), "Finished");
            Assert.Equal(1, instance["definitionVersion"]!.GetValue<int>());
            slots.Add(instance["input"]!["firedAt"]!.GetValue<DateTimeOffset>());
        }

        Assert.All(slots, s => Assert.Equal(0, s.Millisecond));
        Assert.Equal(slots.Count, slots.Distinct().Count());
    }

    [Fact]
    public async Task Publish_NewVersionWithoutCron_StopsFiring()
    {
        await Calls.PublishAsync(server.Owner, Flows.Scheduled("cron-stopped", EverySecond));
        await Calls.WaitForInstancesAsync(server.Owner, "cron-stopped", 1);

        await Calls.PublishAsync(server.Owner, Flows.Scheduled("cron-stopped", "[]"));
        var countAfterPublish = (await Calls.InstancesAsync(server.Owner, "cron-stopped")).Count;

        // A second every-second workflow shows the scheduler kept running for more than two slots meanwhile.
        await Calls.PublishAsync(server.Owner, Flows.Scheduled("cron-canary", EverySecond));
        await Calls.WaitForInstancesAsync(server.Owner, "cron-canary", 3);
        var countLater = (await Calls.InstancesAsync(server.Owner, "cron-stopped")).Count;

        // One firing may have been under way while version 2 was published; a live trigger would have fired twice more.
        Assert.InRange(countLater, countAfterPublish, countAfterPublish + 1);
        var scheduler = await server.Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.False(await scheduler.Exists(new JobKey("cron-stopped", "workflows")), "the workflow's job and triggers are gone from the scheduler");
    }

    [Fact]
    public async Task Publish_ChangedCron_ReplacesTheTrigger()
    {
        await Calls.PublishAsync(server.Owner, Flows.Scheduled("cron-changed", """[{ "kind": "cron", "cron": "0 6 * * 1-5" }]"""));
        await Calls.PublishAsync(server.Owner, Flows.Scheduled("cron-changed", """[{ "kind": "cron", "cron": "0 0 7 ? * SAT" }, { "kind": "timer", "interval": "01:00:00" }]"""));

        var scheduler = await server.Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = await scheduler.QueryTriggers(new TriggerQuery { Job = new JobKey("cron-changed", "workflows") });

        Assert.Equal(
            [$"cron-changed|cron|0 0 7 ? * SAT|{SchedulingFixture.TimeZone}", "cron-changed|timer|01:00:00"],
            triggers.Items.Select(t => t.Key.Name).Order(StringComparer.Ordinal));
        var cron = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(triggers.Items.Single(t => t.TriggerType.Contains("CRON", StringComparison.OrdinalIgnoreCase)).Key));
        Assert.Equal(SchedulingFixture.TimeZone, cron.TimeZone.Id);
    }

    [Fact]
    public async Task Publish_InvalidCron_Refused400NamingTriggerAndFix()
    {
        var response = await Calls.TryPublishAsync(server.Owner, Flows.Scheduled("cron-invalid", """[{ "kind": "manual" }, { "kind": "cron", "cron": "61 * * * *" }]"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObjectAsync();
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("cron trigger 2", detail, StringComparison.Ordinal);
        Assert.Contains("'61 * * * *'", detail, StringComparison.Ordinal);
        Assert.Contains("use 5 fields", detail, StringComparison.Ordinal);
        Assert.Equal("triggers[1].cron", problem["errors"]![0]!["path"]!.GetValue<string>());
        var versions = await (await server.Owner.GetAsync("/api/definitions/cron-invalid/versions")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Published", versions, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Publish_CronWithRequiredInput_Refused400NamingTheInput()
    {
        var definition = JsonNode.Parse(Flows.Scheduled("cron-needs-input", EverySecond))!.AsObject();
        definition["inputs"] = JsonNode.Parse("""[{ "name": "patientId", "type": "String", "required": true }]""");

        var response = await Calls.TryPublishAsync(server.Owner, definition.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("input 'patientId' is required", (await response.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_ServerStarted_ReportsSchedulerHealthy()
    {
        using var anonymous = server.Factory.CreateClient();

        var health = await (await Calls.ExpectAsync(anonymous.GetAsync("/health/ready"), HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("Healthy", health["checks"]!["scheduler"]!["status"]!.GetValue<string>());
    }
}
