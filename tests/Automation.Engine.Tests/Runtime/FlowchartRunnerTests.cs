using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Runtime;

public sealed class FlowchartRunnerTests
{
    [Fact]
    public async Task StartAsync_SequenceWithVariables_RunsInOrderAndReturnsOutput()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "sequence", "name": "Sequence",
          "variables": [{ "name": "count", "type": "integer", "default": 1 }],
          "outputs": [{ "name": "count", "type": "integer" }],
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "inc", "type": "SetVariable", "inputs": { "variable": "count", "value": { "js": "variables.count + 41" } } },
              { "id": "say", "type": "Log", "inputs": { "message": { "js": "'count is ' + getCount()" } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "inc" } },
              { "source": { "activity": "inc", "port": "Done" }, "target": { "activity": "say" } }
            ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["count is 42"], engine.Log.Lines);
        Assert.Equal(42, result.Output["count"]!.GetValue<long>());
        var journal = await engine.Store.GetJournalAsync(result.InstanceId, CancellationToken.None);
        Assert.Equal(["start", "inc", "say"], journal.Select(j => j.ActivityId));
    }

    [Fact]
    public async Task StartAsync_LoopWithDecisionBackEdge_RepeatsUntilConditionFails()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "loop", "name": "Loop",
          "variables": [{ "name": "i", "type": "integer", "default": 0 }],
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "log", "type": "Log", "inputs": { "message": { "js": "'i=' + variables.i" } } },
              { "id": "inc", "type": "SetVariable", "inputs": { "variable": "i", "value": { "js": "variables.i + 1" } } },
              { "id": "more", "type": "Decision", "inputs": { "condition": { "js": "variables.i < 3" } } }
            ],
            "connections": [
              { "source": { "activity": "start" }, "target": { "activity": "log" } },
              { "source": { "activity": "log" }, "target": { "activity": "inc" } },
              { "source": { "activity": "inc" }, "target": { "activity": "more" } },
              { "source": { "activity": "more", "port": "True" }, "target": { "activity": "log" } }
            ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["i=0", "i=1", "i=2"], engine.Log.Lines);
    }
}
