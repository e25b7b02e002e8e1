using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Masking;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Engine.Tests.Runtime;

public sealed class LifecycleTests
{
    private const string TwoLogs = """
    {
      "id": "two-logs", "name": "Two logs",
      "root": {
        "activities": [
          { "id": "first", "type": "Log", "inputs": { "message": "first" } },
          { "id": "second", "type": "Log", "inputs": { "message": "second" } }
        ],
        "connections": [ { "source": { "activity": "first" }, "target": { "activity": "second" } } ]
      }
    }
    """;

    [Fact]
    public async Task StartAsync_MissingRequiredAndMistypedInputs_ThrowsNamingBothAndStoresNothing()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "inputs", "name": "Inputs",
          "inputs": [
            { "name": "referralId", "type": "string", "required": true },
            { "name": "count", "type": "integer" }
          ],
          "root": { "activities": [ { "id": "start", "type": "Start" } ] }
        }
        """);

        var error = await Assert.ThrowsAsync<WorkflowInputException>(() => engine.RunAsync(definition, new() { ["count"] = "many" }));

        Assert.Contains("'referralId' is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("'count': expected integer", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, ((InMemoryInstanceStore)engine.Store).Count);
    }

    [Fact]
    public async Task StartAsync_FaultActivity_RecordsIncidentAndKeepsTheFaultedStepForRetry()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "faulty", "name": "Faulty",
          "root": {
            "activities": [
              { "id": "before", "type": "Log", "inputs": { "message": "before" } },
              { "id": "boom", "type": "Fault", "inputs": { "message": "Referral has no CPR number", "code": "NoCpr" } }
            ],
            "connections": [ { "source": { "activity": "before" }, "target": { "activity": "boom" } } ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.NotNull(result.Incident);
        Assert.Equal("boom", result.Incident.ActivityId);
        Assert.Equal("Referral has no CPR number", result.Incident.Message);
        var journal = await engine.Store.GetJournalAsync(result.InstanceId, CancellationToken.None);
        Assert.Equal(["Done", "Faulted"], journal.Select(j => j.Outcome));
        var stored = await engine.Store.GetInstanceAsync(result.InstanceId, CancellationToken.None);
        Assert.Equal("boom", Assert.Single(stored!.State.Tokens).Activity);
    }

    [Fact]
    public async Task Journal_PersonalVariableAndCprInText_AreMasked()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "personal", "name": "Personal data",
          "inputs": [{ "name": "cpr", "type": "string", "personal": true }],
          "variables": [{ "name": "patient", "type": "string", "personal": true }, { "name": "note", "type": "string" }],
          "root": {
            "activities": [
              { "id": "who", "type": "SetVariable", "inputs": { "variable": "patient", "value": "Jens Hansen" } },
              { "id": "note", "type": "SetVariable", "inputs": { "variable": "note", "value": { "js": "'patient ' + input.cpr + ' referred'" } } },
              { "id": "say", "type": "Log", "inputs": { "message": { "js": "'Registered 010190-1234 and ' + input.cpr" } } }
            ],
            "connections": [
              { "source": { "activity": "who" }, "target": { "activity": "note" } },
              { "source": { "activity": "note" }, "target": { "activity": "say" } }
            ]
          }
        }
        """);

        var result = await engine.RunAsync(definition, new() { ["cpr"] = "2512851234" });

        var journal = await engine.Store.GetJournalAsync(result.InstanceId, CancellationToken.None);
        var everything = string.Join("\n", journal.Select(j => $"{j.Inputs?.ToJsonString()} {j.Outputs?.ToJsonString()} {string.Join(" ", j.Log ?? [])}")) + string.Join("\n", engine.Log.Lines);
        Assert.DoesNotContain("Jens Hansen", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("2512851234", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("010190-1234", everything, StringComparison.Ordinal);
        Assert.Contains(PersonalDataMasker.MaskedCpr, everything, StringComparison.Ordinal);
        Assert.Equal(PersonalDataMasker.Masked, journal[0].Outputs!["patient"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResumeInterruptedAsync_RunningInstanceWithExpiredLease_ContinuesFromItsPendingStep()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse(TwoLogs);
        var published = await engine.Definitions.PublishIfChangedAsync(definition, CancellationToken.None);

        // The state a process leaves behind when it dies after committing "first" and before running "second".
        var now = engine.Clock.GetUtcNow();
        var orphan = new WorkflowInstance
        {
            Id = "orphan",
            DefinitionId = published.Id,
            DefinitionVersion = published.Version,
            Status = InstanceStatus.Running,
            CreatedAt = now,
            UpdatedAt = now,
            LeaseOwner = "other-host:4242:deadbeef",
            LeaseExpiresAt = now + TimeSpan.FromMinutes(2),
        };
        orphan.State.Tokens.Add(new Token("second", "first", "Done"));
        orphan.State.Step = 1;
        await engine.Store.CommitAsync(new InstanceCommit { Instance = orphan, IsNew = true }, CancellationToken.None);

        var early = await engine.Runtime.ResumeInterruptedAsync(CancellationToken.None);
        engine.Clock.Advance(TimeSpan.FromMinutes(3));
        var late = await engine.Runtime.ResumeInterruptedAsync(CancellationToken.None);

        Assert.Empty(early);
        Assert.Equal(InstanceStatus.Finished, Assert.Single(late).Status);
        Assert.Equal(["second"], engine.Log.Lines);
    }

    [Fact]
    public async Task CancelAsync_WhileAnActivityRuns_StopsTheInstanceAsCancelled()
    {
        var blocker = new BlockingActivity();
        using var engine = new TestEngine(s => s.AddSingleton<IActivity>(blocker));
        var definition = TestEngine.Parse("""
        {
          "id": "blocked", "name": "Blocked",
          "root": {
            "activities": [
              { "id": "wait", "type": "TestBlock" },
              { "id": "after", "type": "Log", "inputs": { "message": "after" } }
            ],
            "connections": [ { "source": { "activity": "wait" }, "target": { "activity": "after" } } ]
          }
        }
        """);

        var running = engine.Runtime.StartAsync(definition, new StartOptions { InstanceId = "to-cancel" }, CancellationToken.None);
        await blocker.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await engine.Runtime.CancelAsync("to-cancel", CancellationToken.None);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(InstanceStatus.Cancelled, result.Status);
        Assert.Empty(engine.Log.Lines);
        Assert.Equal(InstanceStatus.Cancelled, (await engine.Store.GetInstanceAsync("to-cancel", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task StartAsync_LoopThatNeverExits_FaultsAtTheStepLimit()
    {
        using var engine = new TestEngine(s => s.AddSingleton(new WorkflowRuntimeOptions { MaxStepsPerRun = 500 }));
        var definition = TestEngine.Parse("""
        {
          "id": "spin", "name": "Spin",
          "root": {
            "activities": [ { "id": "again", "type": "Decision", "inputs": { "condition": true } } ],
            "connections": [ { "source": { "activity": "again", "port": "True" }, "target": { "activity": "again" } } ]
          }
        }
        """);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("without waiting", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SameDefinitionTwice_InstancesDoNotShareVariables()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "isolated", "name": "Isolated",
          "variables": [{ "name": "list", "type": "array", "default": [] }],
          "outputs": [{ "name": "list" }],
          "root": { "activities": [ { "id": "add", "type": "RunJavaScript", "inputs": { "script": "variables.list.push(1)" } } ] }
        }
        """);

        var first = await engine.RunAsync(definition);
        var second = await engine.RunAsync(definition);

        Assert.Equal("[1]", first.Output["list"]!.ToJsonString());
        Assert.Equal("[1]", second.Output["list"]!.ToJsonString());
        Assert.Equal("[]", definition.Variables[0].Default!.ToJsonString());
    }

    [Fact]
    public async Task SignalAsync_InstanceFaultedInAnotherBranch_IsRefusedAndNothingReruns()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse("""
        {
          "id": "half-faulted", "name": "Half faulted",
          "root": {
            "activities": [
              { "id": "fork", "type": "Fork", "inputs": { "branches": ["Wait", "Fail"] } },
              { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "go" } },
              { "id": "fail", "type": "Fault", "inputs": { "message": "booking system rejected the order" } },
              { "id": "after", "type": "Log", "inputs": { "message": "after the signal" } }
            ],
            "connections": [
              { "source": { "activity": "fork", "port": "Wait" }, "target": { "activity": "wait" } },
              { "source": { "activity": "fork", "port": "Fail" }, "target": { "activity": "fail" } },
              { "source": { "activity": "wait" }, "target": { "activity": "after" } }
            ]
          }
        }
        """);
        var started = await engine.RunAsync(definition);

        var refusal = await Assert.ThrowsAsync<WorkflowStateException>(() => engine.Runtime.SignalAsync("go", null, null, CancellationToken.None));

        Assert.Equal(InstanceStatus.Faulted, started.Status);
        Assert.Contains("retry it from the faulted activity first", refusal.Message, StringComparison.Ordinal);
        var stored = await engine.Store.GetInstanceAsync(started.InstanceId, CancellationToken.None);
        Assert.Equal(InstanceStatus.Faulted, stored!.Status);
        Assert.Null(stored.LeaseOwner);
        Assert.Single(stored.State.Bookmarks);
        Assert.Empty(engine.Log.Lines);
        var journal = await engine.Store.GetJournalAsync(started.InstanceId, CancellationToken.None);
        Assert.Single(journal, j => j.ActivityId == "fail");
    }

    [Activity("TestBlock", "Test", "Block until cancelled")]
    private sealed class BlockingActivity : IActivity
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ActivityResult.Done;
        }
    }
}
