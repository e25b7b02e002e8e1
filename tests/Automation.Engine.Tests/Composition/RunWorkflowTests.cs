using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Composition;

public sealed class RunWorkflowTests
{
    private const string Grandchild = """
    {
      "id": "greet", "name": "Greet",
      "inputs": [{ "name": "name", "type": "string", "required": true }],
      "variables": [{ "name": "secret", "type": "string", "default": "grandchild" }, { "name": "message", "type": "string" }],
      "outputs": [{ "name": "message", "type": "string" }],
      "root": {
        "activities": [
          { "id": "compose", "type": "SetVariable", "inputs": { "variable": "message", "value": { "js": "'Hello ' + input.name" } } },
          { "id": "overwrite", "type": "SetVariable", "inputs": { "variable": "secret", "value": "changed by grandchild" } }
        ],
        "connections": [ { "source": { "activity": "compose" }, "target": { "activity": "overwrite" } } ]
      }
    }
    """;

    private const string Child = """
    {
      "id": "relay", "name": "Relay",
      "inputs": [{ "name": "name", "type": "string", "required": true }],
      "variables": [
        { "name": "secret", "type": "string", "default": "child" },
        { "name": "childOnly", "type": "string" },
        { "name": "inner", "type": "object" },
        { "name": "message", "type": "string" }
      ],
      "outputs": [{ "name": "message", "type": "string" }],
      "root": {
        "activities": [
          { "id": "call", "type": "RunWorkflow", "inputs": { "workflowId": "greet", "input": { "js": "({ name: input.name.toUpperCase() })" }, "resultVariable": "inner" } },
          { "id": "copy", "type": "SetVariable", "inputs": { "variable": "message", "value": { "js": "variables.inner.message + '!'" } } },
          { "id": "mark", "type": "SetVariable", "inputs": { "variable": "childOnly", "value": "only in the child" } },
          { "id": "overwrite", "type": "SetVariable", "inputs": { "variable": "secret", "value": "changed by child" } }
        ],
        "connections": [
          { "source": { "activity": "call" }, "target": { "activity": "copy" } },
          { "source": { "activity": "copy" }, "target": { "activity": "mark" } },
          { "source": { "activity": "mark" }, "target": { "activity": "overwrite" } }
        ]
      }
    }
    """;

    [Fact]
    public async Task StartAsync_ParentChildGrandchild_ReturnsOutputsAndKeepsVariablesApart()
    {
        using var engine = new TestEngine();
        await PublishAsync(engine, Grandchild);
        await PublishAsync(engine, Child);
        var parent = await PublishAsync(engine, Caller("relay", """{ "name": "ada" }"""));

        var result = await engine.RunAsync(parent);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("Hello ADA!", result.Output["result"]!["message"]!.GetValue<string>());
        Assert.Equal("parent", result.Output["secret"]!.GetValue<string>());
        var parentState = (await engine.Store.GetInstanceAsync(result.InstanceId, CancellationToken.None))!.State;
        Assert.False(parentState.Variables.ContainsKey("childOnly"));
        Assert.Equal(["result", "secret"], parentState.Variables.Select(v => v.Key).Order(StringComparer.Ordinal));

        var childId = await ChildIdAsync(engine, result.InstanceId);
        var child = (await engine.Store.GetInstanceAsync(childId, CancellationToken.None))!;
        Assert.Equal(result.InstanceId, child.ParentInstanceId);
        Assert.Equal("changed by child", child.State.Variables["secret"]!.GetValue<string>());
        var grandchild = (await engine.Store.GetInstanceAsync(await ChildIdAsync(engine, childId), CancellationToken.None))!;
        Assert.Equal(childId, grandchild.ParentInstanceId);
        Assert.Equal(InstanceStatus.Finished, grandchild.Status);
        Assert.Equal("changed by grandchild", grandchild.State.Variables["secret"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignalAsync_ToASuspendedChild_FinishesTheChildAndThenTheParent()
    {
        using var engine = new TestEngine();
        await PublishAsync(engine, WaitingChild(faultAfterSignal: false));
        var parent = await PublishAsync(engine, Caller("await-approval", "{}"));

        var suspended = await engine.RunAsync(parent);
        var childId = await ChildIdAsync(engine, suspended.InstanceId);
        var resumed = await engine.Runtime.SignalAsync("approved", new JsonObject { ["by"] = "planner1" }, childId, CancellationToken.None);

        Assert.Equal(InstanceStatus.Suspended, suspended.Status);
        var waiting = Assert.Single(suspended.Bookmarks);
        Assert.Equal((BookmarkKinds.SubWorkflow, childId), (waiting.Kind, waiting.Key));
        Assert.Equal(InstanceStatus.Finished, Assert.Single(resumed).Status);
        var finished = (await engine.Store.GetInstanceAsync(suspended.InstanceId, CancellationToken.None))!;
        Assert.Equal(InstanceStatus.Finished, finished.Status);
        Assert.Equal("planner1", finished.State.Output["result"]!["decision"]!["by"]!.GetValue<string>());
        Assert.Equal(["parent done"], engine.Log.Lines);
        Assert.Empty(await engine.Store.FindBookmarksAsync(BookmarkKinds.SubWorkflow, null, CancellationToken.None));
    }

    [Fact]
    public async Task StartAsync_ChildFaults_ParentFaultsNamingTheChildAndItsIncident()
    {
        using var engine = new TestEngine();
        await PublishAsync(engine, """
        {
          "id": "broken", "name": "Broken",
          "root": { "activities": [ { "id": "boom", "type": "Fault", "inputs": { "message": "Referral has no pickup address" } } ] }
        }
        """);
        var parent = await PublishAsync(engine, Caller("broken", "{}"));

        var result = await engine.RunAsync(parent);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal("call", result.Incident!.ActivityId);
        Assert.Contains("'broken'", result.Incident.Message, StringComparison.Ordinal);
        Assert.Contains(await ChildIdAsync(engine, result.InstanceId), result.Incident.Message, StringComparison.Ordinal);
        Assert.Contains("Referral has no pickup address", result.Incident.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Log.Lines);
    }

    [Fact]
    public async Task SignalAsync_SuspendedChildThenFaults_ParentFaultsWithTheChildsIncident()
    {
        using var engine = new TestEngine();
        await PublishAsync(engine, WaitingChild(faultAfterSignal: true));
        var parent = await PublishAsync(engine, Caller("await-approval", "{}"));
        var suspended = await engine.RunAsync(parent);

        await engine.Runtime.SignalAsync("approved", new JsonObject(), null, CancellationToken.None);

        var stored = (await engine.Store.GetInstanceAsync(suspended.InstanceId, CancellationToken.None))!;
        Assert.Equal(InstanceStatus.Faulted, stored.Status);
        Assert.Contains("Approval came too late", stored.State.Incidents[^1].Message, StringComparison.Ordinal);
        Assert.Contains("'await-approval'", stored.State.Incidents[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_VersionGiven_RunsThatPublishedVersion()
    {
        using var engine = new TestEngine();
        await PublishAsync(engine, Grandchild);
        await PublishAsync(engine, Grandchild.Replace("'Hello '", "'Goddag '", StringComparison.Ordinal));
        var pinned = await PublishAsync(engine, Caller("greet", """{ "name": "Ada" }""").Replace("\"workflowId\": \"greet\"", "\"workflowId\": \"greet\", \"version\": 1", StringComparison.Ordinal));
        var latest = await PublishAsync(engine, Caller("greet", """{ "name": "Ada" }""").Replace("\"caller\"", "\"caller-latest\"", StringComparison.Ordinal));

        var first = await engine.RunAsync(pinned);
        var second = await engine.RunAsync(latest);

        Assert.Equal("Hello Ada", first.Output["result"]!["message"]!.GetValue<string>());
        Assert.Equal("Goddag Ada", second.Output["result"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartAsync_ChildNotPublished_FaultsSayingToPublishIt()
    {
        using var engine = new TestEngine();
        var parent = await PublishAsync(engine, Caller("missing", "{}"));

        var result = await engine.RunAsync(parent);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("'missing'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("publish", result.Incident.Message, StringComparison.Ordinal);
    }

    private static string Caller(string childId, string input) => $$"""
    {
      "id": "caller", "name": "Caller",
      "variables": [{ "name": "secret", "type": "string", "default": "parent" }, { "name": "result", "type": "object" }],
      "outputs": [{ "name": "result" }, { "name": "secret" }],
      "root": {
        "activities": [
          { "id": "call", "type": "RunWorkflow", "inputs": { "workflowId": "{{childId}}", "input": {{input}}, "resultVariable": "result" } },
          { "id": "done", "type": "Log", "inputs": { "message": "parent done" } }
        ],
        "connections": [ { "source": { "activity": "call" }, "target": { "activity": "done" } } ]
      }
    }
    """;

    private static string WaitingChild(bool faultAfterSignal) => $$"""
    {
      "id": "await-approval", "name": "Await approval",
      "variables": [{ "name": "decision", "type": "object" }],
      "outputs": [{ "name": "decision" }],
      "root": {
        "activities": [
          { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "approved", "resultVariable": "decision" } }
          {{(faultAfterSignal ? ", { \"id\": \"late\", \"type\": \"Fault\", \"inputs\": { \"message\": \"Approval came too late\" } }" : "")}}
        ],
        "connections": [ {{(faultAfterSignal ? "{ \"source\": { \"activity\": \"wait\" }, \"target\": { \"activity\": \"late\" } }" : "")}} ]
      }
    }
    """;

    private static async Task<WorkflowDefinition> PublishAsync(TestEngine engine, string json) =>
        await engine.Definitions.PublishIfChangedAsync(TestEngine.Parse(json), CancellationToken.None);

    /// <summary>The child instance the RunWorkflow activity of <paramref name="instanceId"/> started, as its journal recorded it.</summary>
    private static async Task<string> ChildIdAsync(TestEngine engine, string instanceId)
    {
        var journal = await engine.Store.GetJournalAsync(instanceId, CancellationToken.None);
        return journal.First(j => j.ActivityType == "RunWorkflow").Outputs!["childInstanceId"]!.GetValue<string>();
    }
}
