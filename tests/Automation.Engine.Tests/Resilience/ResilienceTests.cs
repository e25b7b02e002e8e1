using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Engine.Tests.Resilience;

public sealed class ResilienceTests
{
    [Fact]
    public async Task StartAsync_FailsTwiceWithThreeRetries_FinishesAndJournalsThreeAttempts()
    {
        using var engine = FlakyEngine(failures: 2);

        var result = await engine.RunAsync(FlakyFlow(retryCount: 3));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["before", "after"], engine.Log.Lines);
        var flaky = (await engine.Store.GetJournalAsync(result.InstanceId, CancellationToken.None)).Single(j => j.ActivityId == "flaky");
        Assert.Equal(3, flaky.Attempts);
        Assert.Equal("Done", flaky.Outcome);
    }

    [Fact]
    public async Task StartAsync_RetriesExhausted_FaultsWithAnIncidentNamingTheActivityAndException()
    {
        using var engine = FlakyEngine(failures: 10);

        var result = await engine.RunAsync(FlakyFlow(retryCount: 2));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        var incident = result.Incident!;
        Assert.Equal(("flaky", "TestFlaky"), (incident.ActivityId, incident.ActivityType));
        Assert.Equal(nameof(InvalidOperationException), incident.ExceptionType);
        Assert.Equal("The booking system did not answer", incident.Message);
        Assert.Equal(3, engine.Get<Flakiness>().Runs);
        var flaky = (await engine.Store.GetJournalAsync(result.InstanceId, CancellationToken.None)).Single(j => j.ActivityId == "flaky");
        Assert.Equal((3, "Faulted"), (flaky.Attempts, flaky.Outcome));
        Assert.Contains("InvalidOperationException", flaky.Exception, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ActivitySlowerThanItsTimeout_Faults()
    {
        var slow = new SlowActivity();
        using var engine = new TestEngine(s => s.AddSingleton<IActivity>(slow));
        var definition = TestEngine.Parse("""
        {
          "id": "slow", "name": "Slow",
          "root": {
            "activities": [
              { "id": "slow", "type": "TestSlow", "resilience": { "timeout": "00:00:02" } },
              { "id": "after", "type": "Log", "inputs": { "message": "after" } }
            ],
            "connections": [ { "source": { "activity": "slow" }, "target": { "activity": "after" } } ]
          }
        }
        """);

        var running = engine.RunAsync(definition);
        await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        engine.Clock.Advance(TimeSpan.FromSeconds(2));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal("slow", result.Incident!.ActivityId);
        Assert.Equal("TimeoutRejectedException", result.Incident.ExceptionType);
        Assert.Empty(engine.Log.Lines);
    }

    [Fact]
    public async Task RetryAsync_AfterTheCauseIsFixed_FinishesAndRerunsOnlyTheFaultedActivity()
    {
        using var engine = FlakyEngine(failures: 10);
        var definition = await engine.Definitions.PublishIfChangedAsync(FlakyFlow(retryCount: 0), CancellationToken.None);
        var faulted = await engine.RunAsync(definition);
        engine.Get<Flakiness>().FailuresLeft = 0;

        var result = await engine.Runtime.RetryAsync(faulted.InstanceId, CancellationToken.None);

        Assert.Equal(InstanceStatus.Faulted, faulted.Status);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["before", "after"], engine.Log.Lines);
        var journal = await engine.Store.GetJournalAsync(result.InstanceId, CancellationToken.None);
        Assert.Equal(
            [("before", "Done"), ("flaky", "Faulted"), ("flaky", "Done"), ("after", "Done")],
            journal.Select(j => (j.ActivityId, j.Outcome)));
        var stored = (await engine.Store.GetInstanceAsync(result.InstanceId, CancellationToken.None))!;
        Assert.True(Assert.Single(stored.State.Incidents).Resolved);
    }

    [Fact]
    public async Task CancelAsync_SuspendedInstance_IsCancelledWithNoBookmarksLeft()
    {
        using var engine = new TestEngine();
        var definition = await engine.Definitions.PublishIfChangedAsync(TestEngine.Parse("""
        {
          "id": "waits", "name": "Waits",
          "root": {
            "activities": [
              { "id": "fork", "type": "Fork", "inputs": { "branches": ["signal", "timer"] } },
              { "id": "signal", "type": "WaitForSignal", "inputs": { "signal": "go" } },
              { "id": "timer", "type": "Delay", "inputs": { "duration": "PT1H" } },
              { "id": "after", "type": "Log", "inputs": { "message": "after" } }
            ],
            "connections": [
              { "source": { "activity": "fork", "port": "signal" }, "target": { "activity": "signal" } },
              { "source": { "activity": "fork", "port": "timer" }, "target": { "activity": "timer" } },
              { "source": { "activity": "signal" }, "target": { "activity": "after" } },
              { "source": { "activity": "timer" }, "target": { "activity": "after" } }
            ]
          }
        }
        """), CancellationToken.None);
        var suspended = await engine.RunAsync(definition);

        var result = await engine.Runtime.CancelAsync(suspended.InstanceId, CancellationToken.None);
        engine.Clock.Advance(TimeSpan.FromHours(2));
        var timers = await engine.Runtime.ResumeDueTimersAsync(CancellationToken.None);
        var signals = await engine.Runtime.SignalAsync("go", new JsonObject(), null, CancellationToken.None);

        Assert.Equal(2, suspended.Bookmarks.Count);
        Assert.Equal(InstanceStatus.Cancelled, result.Status);
        Assert.Empty(result.Bookmarks);
        Assert.Empty(await engine.Store.FindBookmarksAsync(BookmarkKinds.Signal, "go", CancellationToken.None));
        Assert.Empty(timers);
        Assert.Empty(signals);
        Assert.Empty(engine.Log.Lines);
        Assert.Equal(InstanceStatus.Cancelled, (await engine.Store.GetInstanceAsync(suspended.InstanceId, CancellationToken.None))!.Status);
    }

    private static TestEngine FlakyEngine(int failures) => new(s =>
    {
        s.AddSingleton(new Flakiness { FailuresLeft = failures });
        s.AddSingleton<IActivity, FlakyActivity>();
    });

    private static WorkflowDefinition FlakyFlow(int retryCount) => TestEngine.Parse($$"""
    {
      "id": "flaky", "name": "Flaky",
      "root": {
        "activities": [
          { "id": "before", "type": "Log", "inputs": { "message": "before" } },
          { "id": "flaky", "type": "TestFlaky", "resilience": { "retryCount": {{retryCount}}, "retryDelay": "00:00:00" } },
          { "id": "after", "type": "Log", "inputs": { "message": "after" } }
        ],
        "connections": [
          { "source": { "activity": "before" }, "target": { "activity": "flaky" } },
          { "source": { "activity": "flaky" }, "target": { "activity": "after" } }
        ]
      }
    }
    """);
}
