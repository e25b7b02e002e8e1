using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Signals;

public sealed class WaitForSignalTests
{
    private const string Waiting = """
    {
      "id": "waiting", "name": "Waiting",
      "inputs": [{ "name": "signal", "type": "string" }],
      "variables": [{ "name": "received", "type": "object" }],
      "outputs": [{ "name": "received" }],
      "root": {
        "activities": [
          { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": { "js": "input.signal" }, "resultVariable": "received" } },
          { "id": "after", "type": "Log", "inputs": { "message": { "js": "'got ' + input.signal" } } }
        ],
        "connections": [ { "source": { "activity": "wait" }, "target": { "activity": "after" } } ]
      }
    }
    """;

    [Fact]
    public async Task SignalAsync_TwoInstancesOnDifferentSignals_ResumesOnlyTheNamedOneWithItsPayload()
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine);
        var referral = await StartAsync(engine, definition, "referral-received");
        var transport = await StartAsync(engine, definition, "transport-booked");

        var resumed = await engine.Runtime.SignalAsync("referral-received", new JsonObject { ["id"] = "R-17" }, null, CancellationToken.None);

        var result = Assert.Single(resumed);
        Assert.Equal(referral.InstanceId, result.InstanceId);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("R-17", result.Output["received"]!["id"]!.GetValue<string>());
        Assert.Equal(["got referral-received"], engine.Log.Lines);
        Assert.Equal(InstanceStatus.Suspended, (await engine.Store.GetInstanceAsync(transport.InstanceId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task SignalAsync_WithAndWithoutInstanceId_ResumesThatInstanceThenTheRest()
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine);
        var first = await StartAsync(engine, definition, "approved");
        var second = await StartAsync(engine, definition, "approved");

        var targeted = await engine.Runtime.SignalAsync("approved", new JsonObject(), second.InstanceId, CancellationToken.None);
        var firstAfterTargeted = (await engine.Store.GetInstanceAsync(first.InstanceId, CancellationToken.None))!.Status;
        var broadcast = await engine.Runtime.SignalAsync("approved", new JsonObject(), null, CancellationToken.None);
        var nothingLeft = await engine.Runtime.SignalAsync("approved", new JsonObject(), null, CancellationToken.None);

        Assert.Equal(second.InstanceId, Assert.Single(targeted).InstanceId);
        Assert.Equal(InstanceStatus.Suspended, firstAfterTargeted);
        Assert.Equal(first.InstanceId, Assert.Single(broadcast).InstanceId);
        Assert.Equal(InstanceStatus.Finished, broadcast[0].Status);
        Assert.Empty(nothingLeft);
    }

    [Fact]
    public async Task SignalAsync_PayloadOfWrongType_IsRefusedAndTheInstanceKeepsWaiting()
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine);
        var waiting = await StartAsync(engine, definition, "approved");

        var error = await Assert.ThrowsAsync<ResumeRejectedException>(
            () => engine.Runtime.SignalAsync("approved", JsonValue.Create("yes"), null, CancellationToken.None));
        var retried = await engine.Runtime.SignalAsync("approved", new JsonObject { ["ok"] = true }, null, CancellationToken.None);

        Assert.Contains("variable 'received'", error.Message, StringComparison.Ordinal);
        Assert.Equal(waiting.InstanceId, Assert.Single(retried).InstanceId);
        Assert.Equal(InstanceStatus.Finished, retried[0].Status);
    }

    private static async Task<WorkflowDefinition> PublishAsync(TestEngine engine) =>
        await engine.Definitions.PublishIfChangedAsync(TestEngine.Parse(Waiting), CancellationToken.None);

    private static async Task<RunResult> StartAsync(TestEngine engine, WorkflowDefinition definition, string signal)
    {
        var result = await engine.RunAsync(definition, new JsonObject { ["signal"] = signal });
        Assert.Equal(InstanceStatus.Suspended, result.Status);
        var bookmark = Assert.Single(result.Bookmarks);
        Assert.Equal((BookmarkKinds.Signal, signal), (bookmark.Kind, bookmark.Key));
        return result;
    }
}
