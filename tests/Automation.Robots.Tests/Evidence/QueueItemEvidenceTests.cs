using System.Text.RegularExpressions;
using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Automation.Robots.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Tests.Evidence;

/// <summary>Evidence per queue item, taken by the robots without steps in the flow, with a fake driver.</summary>
public sealed partial class QueueItemEvidenceTests : IAsyncDisposable
{
    private static readonly (string Id, string Type, string Inputs)[] Worker =
    [
        ("open", "Robot.Open", """{ "target": "web" }"""),
        ("next", "GetNextItem", """{ "queue": "referrals", "resultVariable": "item" }"""),
        ("visit", "Robot.Navigate", """{ "target": "web", "url": { "js": "'henvisning/' + variables.item.businessKey" } }"""),
        ("result", "SetItemResult", """{ "itemId": { "js": "variables.item.id" }, "outcome": "Done" }"""),
    ];

    private static readonly string[] WorkerLoop = ["open -> next", "next:Item -> visit", "visit -> result", "result -> next"];

    private readonly FakeRobotHost _host = new();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task SetItemResult_TracingSession_JournalNamesOneScreenshotAndOneTraceOfThatItemOnly()
    {
        await _host.AddItemsAsync("referrals", "R-1", "R-2");

        var result = await _host.RunAsync(["item"], Worker, WorkerLoop);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var ends = (await _host.JournalAsync(result.InstanceId)).Where(j => j.ActivityId == "result").ToList();
        Assert.Equal(2, ends.Count);
        foreach (var (end, key, other) in new[] { (ends[0], "R-1", "R-2"), (ends[1], "R-2", "R-1") })
        {
            var screenshot = Assert.Single(end.Log!, l => l.StartsWith($"Screenshot of 'web' at the end of item referrals/{key} (Done): ", StringComparison.Ordinal));
            var trace = Assert.Single(end.Log!, l => l.StartsWith($"Trace of item referrals/{key} in 'web': ", StringComparison.Ordinal));
            Assert.Equal($"PNG web henvisning/{key}", await TextOfAsync(screenshot));
            var chunk = await TextOfAsync(trace);
            Assert.Contains($"visit henvisning/{key}", chunk, StringComparison.Ordinal);
            Assert.DoesNotContain($"henvisning/{other}", chunk, StringComparison.Ordinal);
        }

        var session = Assert.IsType<TracingFakeSession>(Assert.Single(_host.Driver.Opened));
        Assert.Equal(["referrals/R-1", "referrals/R-2"], session.Titles.Select(t => t.Split(' ')[0]));
    }

    [Fact]
    public async Task SetItemResult_SessionWithoutTracing_JournalNamesTheScreenshotOnly()
    {
        await _host.AddItemsAsync("referrals", "R-1");
        (string, string, string)[] flow = [("open", "Robot.Open", """{ "target": "desk" }"""), Worker[1], ("visit", "Robot.Navigate", """{ "target": "desk", "url": "henvisning/R-1" }"""), Worker[3]];

        var result = await _host.RunAsync(["item"], flow, WorkerLoop);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var end = (await _host.JournalAsync(result.InstanceId)).Single(j => j.ActivityId == "result");
        var line = Assert.Single(end.Log!);
        Assert.StartsWith("Screenshot of 'desk' at the end of item referrals/R-1 (Done): evidence:sha256:", line, StringComparison.Ordinal);
        Assert.NotNull(await TextOfAsync(line));
    }

    [Fact]
    public async Task SetItemResult_ScreenshotFails_ItemIsStillDoneAndTheJournalWarns()
    {
        await _host.AddItemsAsync("referrals", "R-1");
        _host.Driver.ScreenshotFailure = "the window is gone";

        var result = await _host.RunAsync(["item"], Worker, WorkerLoop);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var item = Assert.Single((await _host.Queues.ListAsync("referrals", null, 0, 10, CancellationToken.None)).Items);
        Assert.Equal(WorkQueueItemState.Done, item.State);
        var end = (await _host.JournalAsync(result.InstanceId)).Single(j => j.ActivityId == "result");
        Assert.Contains("Warning: no screenshot of 'web' at the end of item referrals/R-1: the window is gone", end.Log!);
        Assert.Single(end.Log!, l => l.StartsWith("Trace of item referrals/R-1 in 'web': evidence:sha256:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetItemResult_SessionReopenedDuringTheItem_KeepsTheTraceOfBothSessions()
    {
        await _host.AddItemsAsync("referrals", "R-1");
        (string, string, string)[] flow = [.. Worker, ("relogin", "Robot.Open", """{ "target": "web" }""")];

        var result = await _host.RunAsync(["item"], flow, "open -> next", "next:Item -> visit", "visit -> relogin", "relogin -> result", "result -> next");

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var end = (await _host.JournalAsync(result.InstanceId)).Single(j => j.ActivityId == "result");
        var closed = Assert.Single(end.Log!, l => l.StartsWith("Trace of item referrals/R-1 in 'web' (closed during the item): ", StringComparison.Ordinal));
        Assert.Contains("visit henvisning/R-1", await TextOfAsync(closed), StringComparison.Ordinal);
        Assert.Single(end.Log!, l => l.StartsWith("Trace of item referrals/R-1 in 'web': ", StringComparison.Ordinal));
        Assert.Equal(2, _host.Driver.Opened.Count);
    }

    [Fact]
    public async Task SetItemResult_AnObserverThrows_ItemIsStillDoneAndTheJournalWarns()
    {
        await using var host = new FakeRobotHost(s => s.AddSingleton<IWorkQueueItemObserver, ThrowingObserver>());
        await host.AddItemsAsync("referrals", "R-1");

        var result = await host.RunAsync(["item"], Worker, WorkerLoop);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(WorkQueueItemState.Done, Assert.Single((await host.Queues.ListAsync("referrals", null, 0, 10, CancellationToken.None)).Items).State);
        var journal = await host.JournalAsync(result.InstanceId);
        Assert.Contains("Warning: ThrowingObserver could not follow item", journal.First(j => j.ActivityId == "next").Log!.Single(l => l.StartsWith("Warning", StringComparison.Ordinal)), StringComparison.Ordinal);
        var end = journal.Single(j => j.ActivityId == "result");
        Assert.Contains(end.Log!, l => l.EndsWith("(referrals/R-1): the disk is full", StringComparison.Ordinal));
        Assert.Contains(end.Log!, l => l.StartsWith("Trace of item referrals/R-1 in 'web': evidence:sha256:", StringComparison.Ordinal));
    }

    private async Task<string> TextOfAsync(string line)
    {
        Assert.True(EvidenceReference.TryParse(Reference().Match(line).Value, out var reference), $"no evidence reference in '{line}'");
        await using var content = await _host.Evidence.OpenReadAsync(reference, CancellationToken.None);
        Assert.NotNull(content);
        using var reader = new StreamReader(content);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex("evidence:sha256:[0-9a-f]{64}")]
    private static partial Regex Reference();

    /// <summary>An observer whose every call fails, as one whose disk is full would.</summary>
    private sealed class ThrowingObserver : IWorkQueueItemObserver
    {
        public Task<IReadOnlyList<string>> ItemTakenAsync(WorkQueueItemEvent item, CancellationToken cancellationToken) =>
            throw new IOException("the disk is full");

        public Task<IReadOnlyList<string>> ItemEndingAsync(WorkQueueItemEvent item, WorkItemOutcome outcome, CancellationToken cancellationToken) =>
            throw new IOException("the disk is full");
    }
}
