using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Timers;

public sealed class DelayTests
{
    [Fact]
    public async Task ResumeDueTimersAsync_BeforeAndAfterDue_ResumesOnlyWhenDue()
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine, "\"duration\": \"00:00:05\"");

        var started = await engine.RunAsync(definition);
        engine.Clock.Advance(TimeSpan.FromSeconds(4));
        var early = await engine.Runtime.ResumeDueTimersAsync(CancellationToken.None);
        var logAfterEarly = engine.Log.Lines.ToList();
        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await engine.Runtime.ResumeDueTimersAsync(CancellationToken.None);

        Assert.Equal(InstanceStatus.Suspended, started.Status);
        Assert.Equal(BookmarkKinds.Delay, Assert.Single(started.Bookmarks).Kind);
        Assert.Empty(early);
        Assert.Equal(["before"], logAfterEarly);
        Assert.Equal(InstanceStatus.Finished, Assert.Single(due).Status);
        Assert.Equal(["before", "after"], engine.Log.Lines);
        Assert.Empty(await engine.Store.FindDueBookmarksAsync(DateTimeOffset.MaxValue, CancellationToken.None));
    }

    [Theory]
    [InlineData("\"00:00:05\"")]
    [InlineData("\"PT5S\"")]
    [InlineData("\"5000\"")]
    [InlineData("5000")]
    public async Task StartAsync_DurationFormats_AreDueFiveSecondsLater(string duration)
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine, $"\"duration\": {duration}");
        var now = engine.Clock.GetUtcNow();

        var result = await engine.RunAsync(definition);

        Assert.Equal(now + TimeSpan.FromSeconds(5), Assert.Single(result.Bookmarks).DueAt);
    }

    [Theory]
    [InlineData("\"duration\": \"00:00:00\"")]
    [InlineData("\"duration\": \"-00:00:03\"")]
    [InlineData("\"until\": \"2020-01-01T00:00:00Z\"")]
    public async Task StartAsync_NothingToWaitFor_ContinuesAtOnce(string inputs)
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine, inputs);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["before", "after"], engine.Log.Lines);
    }

    [Fact]
    public async Task StartAsync_UntilInTheFuture_IsDueThen()
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine, "\"until\": \"2026-11-25T09:30:00+01:00\"");

        var result = await engine.RunAsync(definition);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 30, 0, TimeSpan.Zero), Assert.Single(result.Bookmarks).DueAt);
    }

    [Fact]
    public async Task StartAsync_UnreadableDuration_FaultsNamingTheActivityAndTheFormats()
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine, "\"duration\": \"soon\"");

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal("wait", result.Incident!.ActivityId);
        Assert.Contains("'soon'", result.Incident.Message, StringComparison.Ordinal);
        Assert.Contains("PT5S", result.Incident.Message, StringComparison.Ordinal);
    }

    private static async Task<global::Automation.Engine.Definitions.WorkflowDefinition> PublishAsync(TestEngine engine, string delayInputs) =>
        await engine.Definitions.PublishIfChangedAsync(
            TestEngine.Parse($$"""
            {
              "id": "delayed", "name": "Delayed",
              "root": {
                "activities": [
                  { "id": "before", "type": "Log", "inputs": { "message": "before" } },
                  { "id": "wait", "type": "Delay", "inputs": { {{delayInputs}} } },
                  { "id": "after", "type": "Log", "inputs": { "message": "after" } }
                ],
                "connections": [
                  { "source": { "activity": "before" }, "target": { "activity": "wait" } },
                  { "source": { "activity": "wait" }, "target": { "activity": "after" } }
                ]
              }
            }
            """),
            CancellationToken.None);
}
