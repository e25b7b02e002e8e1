using Automation.Engine.Queues;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Queues;

/// <summary>AddQueueItem, GetNextItem and SetItemResult in a workflow.</summary>
public sealed class QueueActivitiesTests
{
    private const string Worker = """
    {
      "id": "worker", "name": "Queue worker",
      "variables": [
        { "name": "item", "type": "object" },
        { "name": "added", "type": "object" },
        { "name": "handled", "type": "integer", "default": 0 }
      ],
      "root": {
        "activities": [
          { "id": "start", "type": "Start" },
          { "id": "add1", "type": "AddQueueItem", "inputs": { "queue": "referrals", "businessKey": "R-1", "payload": { "ward": "A" } } },
          { "id": "add2", "type": "AddQueueItem", "inputs": { "queue": "referrals", "businessKey": "R-2", "payload": { "ward": "B", "bad": true }, "priority": 5 } },
          { "id": "add3", "type": "AddQueueItem", "inputs": { "queue": "referrals", "businessKey": "R-3", "payload": { "ward": "C" } } },
          { "id": "again", "type": "AddQueueItem", "inputs": { "queue": "referrals", "businessKey": "R-1", "resultVariable": "added" } },
          { "id": "next", "type": "GetNextItem", "inputs": { "queue": "referrals", "resultVariable": "item" } },
          { "id": "log", "type": "Log", "inputs": { "message": { "js": "'item ' + variables.item.businessKey + ' ward ' + variables.item.payload.ward + ' attempt ' + variables.item.attempt" } } },
          { "id": "result", "type": "SetItemResult", "inputs": {
              "itemId": { "js": "variables.item.id" },
              "outcome": { "js": "variables.item.payload.bad ? 'BusinessFailed' : 'Done'" },
              "message": { "js": "'handled ' + variables.item.businessKey" } } },
          { "id": "count", "type": "SetVariable", "inputs": { "variable": "handled", "value": { "js": "variables.handled + 1" } } },
          { "id": "empty", "type": "Log", "inputs": { "message": { "js": "'empty after ' + variables.handled + ', R-1 added again: ' + variables.added.added" } } }
        ],
        "connections": [
          { "source": { "activity": "start" }, "target": { "activity": "add1" } },
          { "source": { "activity": "add1" }, "target": { "activity": "add2" } },
          { "source": { "activity": "add2" }, "target": { "activity": "add3" } },
          { "source": { "activity": "add3" }, "target": { "activity": "again" } },
          { "source": { "activity": "again" }, "target": { "activity": "next" } },
          { "source": { "activity": "next", "port": "Item" }, "target": { "activity": "log" } },
          { "source": { "activity": "log" }, "target": { "activity": "result" } },
          { "source": { "activity": "result" }, "target": { "activity": "count" } },
          { "source": { "activity": "count" }, "target": { "activity": "next" } },
          { "source": { "activity": "next", "port": "Empty" }, "target": { "activity": "empty" } }
        ]
      }
    }
    """;

    [Fact]
    public async Task Worker_AddsThreeItemsAndLoopsUntilEmpty_HandlesEachOnceInPriorityOrder()
    {
        using var engine = new TestEngine();
        var store = engine.Get<IWorkQueueStore>();

        var result = await engine.RunAsync(TestEngine.Parse(Worker));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(
            ["item R-2 ward B attempt 1", "item R-1 ward A attempt 1", "item R-3 ward C attempt 1", "empty after 3, R-1 added again: false"],
            engine.Log.Lines.Where(l => !l.Contains("already has", StringComparison.Ordinal)));
        var items = (await store.ListAsync("referrals", null, 0, 10, CancellationToken.None)).Items;
        Assert.Equal(
            ["R-1:Done", "R-2:BusinessFailed", "R-3:Done"],
            items.Select(i => $"{i.BusinessKey}:{i.State}"));
        Assert.All(items, i => Assert.Equal(result.InstanceId, i.History.Single().Owner));
    }

    [Fact]
    public async Task GetNextItem_ItemWhoseLeaseExpired_GivesTheFlowInDoubtAndThePreviousAttempt()
    {
        using var engine = new TestEngine();
        var store = engine.Get<IWorkQueueStore>();
        await store.AddAsync(new NewWorkQueueItem("referrals", "R-1"), CancellationToken.None);
        await store.TryTakeNextAsync("referrals", "crashed-robot", TimeSpan.FromMinutes(1), CancellationToken.None);
        engine.Clock.Advance(TimeSpan.FromMinutes(2));
        var definition = TestEngine.Parse("""
        {
          "id": "reconcile", "name": "Reconcile",
          "variables": [{ "name": "item", "type": "object" }],
          "outputs": [{ "name": "item" }],
          "root": {
            "activities": [
              { "id": "next", "type": "GetNextItem", "inputs": { "queue": "referrals", "leaseDuration": "PT1M", "resultVariable": "item" } },
              { "id": "out", "type": "SetOutput", "inputs": { "output": "item", "value": { "js": "variables.item" } } }
            ],
            "connections": [ { "source": { "activity": "next", "port": "Item" }, "target": { "activity": "out" } } ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var item = result.Output["item"]!;
        Assert.True(item["inDoubt"]!.GetValue<bool>());
        Assert.Equal(2, item["attempt"]!.GetValue<int>());
        var previous = Assert.Single(item["history"]!.AsArray());
        Assert.Equal("crashed-robot", previous!["owner"]!.GetValue<string>());
        Assert.Equal("InDoubt", previous["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task SetItemResult_ItemHeldByAnotherRobot_FaultsNamingTheHolderAndLeavesTheItem()
    {
        using var engine = new TestEngine();
        var store = engine.Get<IWorkQueueStore>();
        var item = (await store.AddAsync(new NewWorkQueueItem("referrals", "R-1"), CancellationToken.None)).Item;
        await store.TryTakeNextAsync("referrals", "other-robot", TimeSpan.FromMinutes(5), CancellationToken.None);
        var definition = TestEngine.Parse($$"""
        {
          "id": "intruder", "name": "Intruder",
          "root": { "activities": [ { "id": "set", "type": "SetItemResult", "inputs": { "itemId": "{{item.Id}}", "outcome": "Done" } } ] }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("'other-robot' holds it", result.Incident?.Message, StringComparison.Ordinal);
        Assert.Equal(WorkQueueItemState.InProgress, (await store.GetAsync(item.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task GetNextItem_LeaseNotADuration_FaultsNamingTheInputAndTakesNothing()
    {
        using var engine = new TestEngine();
        var store = engine.Get<IWorkQueueStore>();
        await store.AddAsync(new NewWorkQueueItem("referrals", "R-1"), CancellationToken.None);
        var definition = TestEngine.Parse("""
        {
          "id": "bad-lease", "name": "Bad lease",
          "root": { "activities": [ { "id": "next", "type": "GetNextItem", "inputs": { "queue": "referrals", "leaseDuration": "soon" } } ] }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("Input 'leaseDuration' of GetNextItem 'next' is 'soon'", result.Incident?.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await store.ListAsync("referrals", WorkQueueItemState.New, 0, 10, CancellationToken.None)).Total);
    }
}
