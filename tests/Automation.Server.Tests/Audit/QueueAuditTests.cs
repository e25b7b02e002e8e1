using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Queues;
using Automation.Server.Security;
using Automation.Server.Tests.Definitions;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Server.Tests.Audit;

/// <summary>A server with a fake clock (so a robot's lease can run out) and an owner, an operator and an auditor.</summary>
public sealed class QueueAuditFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public ServerFactory Factory { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public HttpClient Owner { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new ServerFactory { ConfigureTestServices = s => s.AddSingleton<TimeProvider>(Clock) };
        Auditor = await Factory.SignedInAsAsync("auditor", Roles.Auditor);
        Owner = await Factory.SignedInAsAsync("owner", Roles.ProcessOwner);
        Operator = await Factory.SignedInAsAsync("operator", Roles.Operator);
    }

    public Task DisposeAsync()
    {
        Auditor?.Dispose();
        Owner?.Dispose();
        Operator?.Dispose();
        Factory?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Queue item transitions, from a real workflow run and the operators' API, as an auditor finds them.</summary>
public sealed class QueueAuditTests(QueueAuditFixture fx) : IClassFixture<QueueAuditFixture>
{
    private const string Queue = "audit-queue";
    private const string Cpr = "1204871234";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task QueueItem_RunFailRetryInDoubtResolve_EachTransitionRecordedWithItemAndMaskedKey()
    {
        await Api.PublishAsync(fx.Owner, QueueFlow("audit-queue-flow"));
        var run = await (await Api.ExecuteAsync(fx.Operator, "audit-queue-flow").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var instanceId = run["instanceId"].Text();
        var store = fx.Factory.Services.GetRequiredService<IWorkQueueStore>();
        var itemId = (await store.ListAsync(Queue, null, 0, 10, CancellationToken.None)).Items.Single().Id;
        await fx.Operator.PostAsync($"/api/queues/items/{itemId}/retry", null).ExpectAsync(HttpStatusCode.OK);

        // Two robots in turn take the item and die; once a lease has run out the item is in doubt.
        await store.TryTakeNextAsync(Queue, "robot-that-died", Lease, CancellationToken.None);
        fx.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await store.TryTakeNextAsync(Queue, "robot-that-died-too", Lease, CancellationToken.None);
        fx.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await fx.Operator.PostAsJsonAsync($"/api/queues/items/{itemId}/resolve", new { reason = "checked system B: already there" }).ExpectAsync(HttpStatusCode.OK);

        var events = await EventsAsync("queue.", $"target={Queue}");
        var item = events.Where(e => e!["queueItemId"]?.GetValue<string>() == itemId).ToList();
        var types = item.Select(e => e!["type"].Text()).ToList();

        Assert.Equal(
            ["queue.item-added", "queue.item-taken", "queue.item-completed", "queue.item-retried", "queue.item-taken", "queue.item-in-doubt", "queue.item-taken", "queue.item-resolved"],
            types);
        Assert.Equal(instanceId, item[1]!["instanceId"].Text());
        Assert.Equal("BusinessFailed", item[2]!["outcome"].Text());
        Assert.Equal("robot-that-died", item[5]!["payload"]!["leaseOwner"].Text());
        Assert.Equal("checked system B: already there", item[7]!["payload"]!["reason"].Text());
        Assert.Equal("InDoubt", item[7]!["payload"]!["previousState"].Text());
        Assert.Equal("operator", item[7]!["actor"].Text());
        Assert.All(item, e => Assert.DoesNotContain(Cpr, e!.ToJsonString(), StringComparison.Ordinal));
        Assert.All(item, e => Assert.False(string.IsNullOrEmpty(e!["businessKey"]?.GetValue<string>())));
    }

    private async Task<List<JsonNode?>> EventsAsync(string typePrefix, string query)
    {
        var items = (await (await fx.Auditor.GetAsync($"/api/audit/events?{query}&limit=1000").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync())["items"]!.AsArray();
        return [.. items.Where(e => e!["type"].Text().StartsWith(typePrefix, StringComparison.Ordinal))];
    }

    /// <summary>Adds an item keyed by a CPR number, takes it and reports it BusinessFailed.</summary>
    private static string QueueFlow(string id) => $$"""
        {
          "id": "{{id}}", "name": "Queue {{id}}",
          "variables": [ { "name": "item", "type": "Object" } ],
          "root": {
            "activities": [
              { "id": "add", "type": "AddQueueItem", "inputs": { "queue": "{{Queue}}", "businessKey": "{{Cpr}}", "payload": { "js": "({ note: 'x' })" } } },
              { "id": "take", "type": "GetNextItem", "inputs": { "queue": "{{Queue}}", "resultVariable": "item" } },
              { "id": "fail", "type": "SetItemResult", "inputs": { "itemId": { "js": "variables.item.id" }, "outcome": "BusinessFailed", "message": "not in system B" } }
            ],
            "connections": [
              { "source": { "activity": "add", "port": "Done" }, "target": { "activity": "take" } },
              { "source": { "activity": "take", "port": "Item" }, "target": { "activity": "fail" } }
            ]
          }
        }
        """;
}
