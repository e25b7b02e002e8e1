using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Runtime;

public sealed class BranchingTests
{
    [Fact]
    public async Task StartAsync_ForkThenJoinWaitAll_RunsEveryBranchAndContinuesOnce()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "fork-join", "name": "Fork and join",
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "fork", "type": "Fork", "inputs": { "branches": ["A", "B", "C"] } },
              { "id": "a", "type": "Log", "inputs": { "message": "branch A" } },
              { "id": "b", "type": "Log", "inputs": { "message": "branch B" } },
              { "id": "b2", "type": "Log", "inputs": { "message": "branch B, second step" } },
              { "id": "c", "type": "Log", "inputs": { "message": "branch C" } },
              { "id": "join", "type": "Join", "inputs": { "mode": "WaitAll" } },
              { "id": "after", "type": "Log", "inputs": { "message": "joined" } }
            ],
            "connections": [
              { "source": { "activity": "start" }, "target": { "activity": "fork" } },
              { "source": { "activity": "fork", "port": "A" }, "target": { "activity": "a" } },
              { "source": { "activity": "fork", "port": "B" }, "target": { "activity": "b" } },
              { "source": { "activity": "fork", "port": "C" }, "target": { "activity": "c" } },
              { "source": { "activity": "b" }, "target": { "activity": "b2" } },
              { "source": { "activity": "a" }, "target": { "activity": "join" } },
              { "source": { "activity": "b2" }, "target": { "activity": "join" } },
              { "source": { "activity": "c" }, "target": { "activity": "join" } },
              { "source": { "activity": "join" }, "target": { "activity": "after" } }
            ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(4, engine.Log.Lines.Count(l => l.StartsWith("branch", StringComparison.Ordinal)));
        Assert.Equal("joined", engine.Log.Lines[^1]);
        Assert.Single(engine.Log.Lines, "joined");
    }

    [Fact]
    public async Task StartAsync_JoinWaitAny_ContinuesAtFirstArrivalAndCancelsTheWaitingBranch()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "race", "name": "Race",
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "fork", "type": "Fork", "inputs": { "branches": ["Fast", "Slow"] } },
              { "id": "fast", "type": "Log", "inputs": { "message": "fast" } },
              { "id": "slow", "type": "Decision", "inputs": { "condition": true } },
              { "id": "slow2", "type": "Log", "inputs": { "message": "slow" } },
              { "id": "join", "type": "Join", "inputs": { "mode": "WaitAny" } },
              { "id": "after", "type": "Log", "inputs": { "message": "joined" } }
            ],
            "connections": [
              { "source": { "activity": "start" }, "target": { "activity": "fork" } },
              { "source": { "activity": "fork", "port": "Fast" }, "target": { "activity": "fast" } },
              { "source": { "activity": "fork", "port": "Slow" }, "target": { "activity": "slow" } },
              { "source": { "activity": "slow", "port": "True" }, "target": { "activity": "slow2" } },
              { "source": { "activity": "fast" }, "target": { "activity": "join" } },
              { "source": { "activity": "slow2" }, "target": { "activity": "join" } },
              { "source": { "activity": "join" }, "target": { "activity": "after" } }
            ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["fast", "joined"], engine.Log.Lines);
    }

    [Theory]
    [InlineData(5, "small")]
    [InlineData(50, "medium")]
    [InlineData(500, "large")]
    public async Task StartAsync_SwitchMatchFirst_TakesFirstMatchingCaseElseDefault(int amount, string expected)
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "switch", "name": "Switch",
          "inputs": [{ "name": "amount", "type": "number", "required": true }],
          "root": {
            "activities": [
              { "id": "switch", "type": "Switch", "inputs": { "cases": [
                  { "name": "Small", "condition": { "js": "input.amount < 10" } },
                  { "name": "Medium", "condition": { "js": "input.amount < 100" } }
              ] } },
              { "id": "small", "type": "Log", "inputs": { "message": "small" } },
              { "id": "medium", "type": "Log", "inputs": { "message": "medium" } },
              { "id": "large", "type": "Log", "inputs": { "message": "large" } }
            ],
            "connections": [
              { "source": { "activity": "switch", "port": "Small" }, "target": { "activity": "small" } },
              { "source": { "activity": "switch", "port": "Medium" }, "target": { "activity": "medium" } },
              { "source": { "activity": "switch", "port": "Default" }, "target": { "activity": "large" } }
            ]
          }
        }
        """);

        var result = await engine.RunAsync(definition, new() { ["amount"] = amount });

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal([expected], engine.Log.Lines);
    }

    [Fact]
    public async Task StartAsync_SwitchMatchAny_TakesEveryMatchingCase()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "switch-any", "name": "Switch any",
          "root": {
            "activities": [
              { "id": "switch", "type": "Switch", "inputs": { "mode": "MatchAny", "cases": [
                  { "name": "One", "condition": true },
                  { "name": "Two", "condition": { "js": "1 + 1 === 2" } },
                  { "name": "Three", "condition": false }
              ] } },
              { "id": "one", "type": "Log", "inputs": { "message": "one" } },
              { "id": "two", "type": "Log", "inputs": { "message": "two" } },
              { "id": "three", "type": "Log", "inputs": { "message": "three" } }
            ],
            "connections": [
              { "source": { "activity": "switch", "port": "One" }, "target": { "activity": "one" } },
              { "source": { "activity": "switch", "port": "Two" }, "target": { "activity": "two" } },
              { "source": { "activity": "switch", "port": "Three" }, "target": { "activity": "three" } }
            ]
          }
        }
        """);

        await engine.RunAsync(definition);

        Assert.Equal(["one", "two"], engine.Log.Lines);
    }

    [Fact]
    public async Task StartAsync_ForEachWithBodyBackEdge_VisitsEveryItemThenDone()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "foreach", "name": "For each",
          "variables": [{ "name": "name", "type": "string" }, { "name": "total", "type": "integer", "default": 0 }],
          "outputs": [{ "name": "total", "type": "integer" }],
          "root": {
            "activities": [
              { "id": "each", "type": "ForEach", "inputs": { "items": { "js": "['Aarhus', 'Randers', 'Viborg']" }, "variable": "name" } },
              { "id": "say", "type": "Log", "inputs": { "message": { "js": "'visit ' + variables.name" } } },
              { "id": "count", "type": "SetVariable", "inputs": { "variable": "total", "value": { "js": "variables.total + 1" } } },
              { "id": "done", "type": "Log", "inputs": { "message": "done" } }
            ],
            "connections": [
              { "source": { "activity": "each", "port": "Iterate" }, "target": { "activity": "say" } },
              { "source": { "activity": "say" }, "target": { "activity": "count" } },
              { "source": { "activity": "count" }, "target": { "activity": "each" } },
              { "source": { "activity": "each", "port": "Done" }, "target": { "activity": "done" } }
            ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["visit Aarhus", "visit Randers", "visit Viborg", "done"], engine.Log.Lines);
        Assert.Equal(3, result.Output["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task StartAsync_NestedForEach_RestartsInnerLoopForEveryOuterItem()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "nested", "name": "Nested loops",
          "variables": [{ "name": "row" }, { "name": "col" }],
          "root": {
            "activities": [
              { "id": "rows", "type": "ForEach", "inputs": { "items": [1, 2], "variable": "row" } },
              { "id": "cols", "type": "ForEach", "inputs": { "items": ["a", "b"], "variable": "col" } },
              { "id": "cell", "type": "Log", "inputs": { "message": { "js": "'' + variables.row + variables.col" } } }
            ],
            "connections": [
              { "source": { "activity": "rows", "port": "Iterate" }, "target": { "activity": "cols" } },
              { "source": { "activity": "cols", "port": "Iterate" }, "target": { "activity": "cell" } },
              { "source": { "activity": "cell" }, "target": { "activity": "cols" } },
              { "source": { "activity": "cols", "port": "Done" }, "target": { "activity": "rows" } }
            ]
          }
        }
        """);

        await engine.RunAsync(definition);

        Assert.Equal(["1a", "1b", "2a", "2b"], engine.Log.Lines);
    }

    [Fact]
    public async Task StartAsync_EndInOneBranch_FinishesAndAbandonsTheRest()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "end", "name": "End",
          "root": {
            "activities": [
              { "id": "fork", "type": "Fork", "inputs": { "branches": ["Stop", "Go"] } },
              { "id": "end", "type": "End" },
              { "id": "go", "type": "Log", "inputs": { "message": "should not run" } }
            ],
            "connections": [
              { "source": { "activity": "fork", "port": "Stop" }, "target": { "activity": "end" } },
              { "source": { "activity": "fork", "port": "Go" }, "target": { "activity": "go" } }
            ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Empty(engine.Log.Lines);
    }
}
