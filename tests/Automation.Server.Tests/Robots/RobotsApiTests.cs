using System.Net;
using Automation.Engine.Queues;
using Automation.Robots.Sessions;
using Automation.Server.Security;
using Automation.Server.Tests.Definitions;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Robots;

/// <summary>Operators seeing which robot sessions are open, for which instance, and the queue item each one works on.</summary>
public sealed class RobotsApiTests(FakeRobotServer server) : IClassFixture<FakeRobotServer>
{
    private const string Flow = """
        {
          "id": "robots-ward-transfer", "name": "Ward transfer",
          "root": {
            "activities": [
              { "id": "take", "type": "GetNextItem", "inputs": { "queue": "robots-ward" } },
              { "id": "open", "type": "Robot.Open", "inputs": { "target": "ward" } },
              { "id": "wait", "type": "HumanTask", "inputs": { "title": "Check the ward", "role": "Operator", "outcomes": [ "Done" ] } }
            ],
            "connections": [
              { "source": { "activity": "take", "port": "Item" }, "target": { "activity": "open" } },
              { "source": { "activity": "open", "port": "Done" }, "target": { "activity": "wait" } }
            ]
          }
        }
        """;

    [Fact]
    public async Task List_InstanceHoldingAnItemWithAnOpenSession_ShowsTargetWorkflowAndTheMaskedItem()
    {
        await server.Factory.Services.GetRequiredService<IWorkQueueStore>().AddAsync(new NewWorkQueueItem("robots-ward", "CPR 0101901234"), CancellationToken.None);
        await Api.PublishAsync(server.Operator, Flow);
        var started = await (await Api.ExecuteAsync(server.Operator, "robots-ward-transfer", new { correlationId = "WARD-7" }).ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync();
        Assert.Equal("Suspended", started["status"]!.GetValue<string>());
        var instanceId = started["instanceId"]!.GetValue<string>();

        var robots = await (await server.Operator.GetAsync("/api/robots").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        var session = Assert.Single(robots["sessions"]!.AsArray(), s => s!["instanceId"]!.GetValue<string>() == instanceId)!;
        Assert.Equal("ward", session["target"]!.GetValue<string>());
        Assert.Equal(FakeRobotDriver.FakeKind, session["kind"]!.GetValue<string>());
        Assert.Equal(instanceId, session["instanceId"]!.GetValue<string>());
        Assert.Equal("Suspended", session["instanceStatus"]!.GetValue<string>());
        Assert.Equal("robots-ward-transfer", session["workflowId"]!.GetValue<string>());
        Assert.Equal("Ward transfer", session["workflowName"]!.GetValue<string>());
        Assert.Equal("WARD-7", session["correlationId"]!.GetValue<string>());
        Assert.NotNull(session["openedAt"]);
        var item = session["item"]!;
        Assert.Equal("robots-ward", item["queue"]!.GetValue<string>());
        Assert.Equal("CPR ******-****", item["businessKey"]!.GetValue<string>());
        Assert.Equal(1, item["attempts"]!.GetValue<int>());
        Assert.True(item["leaseExpiresAt"]!.GetValue<DateTimeOffset>() > item["leaseRenewedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task List_AfterTheInstanceIsCancelled_ItsSessionIsGone()
    {
        await Api.PublishAsync(server.Operator, Flow.Replace("robots-ward-transfer", "robots-no-item", StringComparison.Ordinal).Replace("\"take\", \"type\": \"GetNextItem\", \"inputs\": { \"queue\": \"robots-ward\" }", "\"take\", \"type\": \"Log\", \"inputs\": { \"message\": \"no item\" }", StringComparison.Ordinal)
            .Replace("\"port\": \"Item\"", "\"port\": \"Done\"", StringComparison.Ordinal));
        var started = await (await Api.ExecuteAsync(server.Operator, "robots-no-item").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync();
        var instanceId = started["instanceId"]!.GetValue<string>();
        var before = await (await server.Operator.GetAsync("/api/robots").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        await server.Operator.PostAsync($"/api/instances/{instanceId}/cancel", null).ExpectAsync(HttpStatusCode.OK);
        var after = await (await server.Operator.GetAsync("/api/robots").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        var session = Assert.Single(before["sessions"]!.AsArray(), s => s!["instanceId"]!.GetValue<string>() == instanceId)!;
        Assert.Null(session["item"]);
        Assert.DoesNotContain(after["sessions"]!.AsArray(), s => s!["instanceId"]!.GetValue<string>() == instanceId);
    }

    [Fact]
    public async Task List_ItemLeasedByARobotHostElsewhere_ShownAmongOtherLeasesWithItsOwner()
    {
        var queues = server.Factory.Services.GetRequiredService<IWorkQueueStore>();
        await queues.AddAsync(new NewWorkQueueItem("robots-remote", "REF-9"), CancellationToken.None);
        await queues.TryTakeNextAsync("robots-remote", "robot-host-b", TimeSpan.FromMinutes(5), CancellationToken.None);

        var robots = await (await server.Operator.GetAsync("/api/robots").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        var lease = Assert.Single(robots["otherLeases"]!.AsArray(), l => l!["owner"]!.GetValue<string>() == "robot-host-b")!;
        Assert.Equal("robots-remote", lease["item"]!["queue"]!.GetValue<string>());
        Assert.Equal("REF-9", lease["item"]!["businessKey"]!.GetValue<string>());
        Assert.DoesNotContain(robots["sessions"]!.AsArray(), s => s!["instanceId"]!.GetValue<string>() == "robot-host-b");
    }

    [Fact]
    public async Task List_AsPlanner_Forbidden()
    {
        await server.Planner.GetAsync("/api/robots").ExpectAsync(HttpStatusCode.Forbidden);
    }
}
