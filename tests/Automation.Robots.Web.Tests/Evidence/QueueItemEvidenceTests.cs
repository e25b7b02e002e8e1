using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Automation.Robots.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Web.Tests.Evidence;

/// <summary>Per-item evidence (screenshot and Playwright trace chunk) in real Chromium against system A, and sessions closed when an instance ends.</summary>
[Trait("Category", "Browser")]
public sealed partial class QueueItemEvidenceTests(LegacyAFixture fixture) : IClassFixture<LegacyAFixture>
{
    [Fact]
    public async Task SetItemResult_TwoItems_JournalNamesAScreenshotAndATraceOfEachItemsOwnSteps()
    {
        var clock = Stopwatch.StartNew();
        var queue = "evidence-" + Guid.NewGuid().ToString("N")[..8];
        var store = fixture.Services.GetRequiredService<IWorkQueueStore>();
        foreach (var referral in fixture.Referrals)
        {
            await store.AddAsync(new NewWorkQueueItem(queue, referral.Id, new JsonObject { ["cpr"] = referral.Cpr }), CancellationToken.None);
        }

        var result = await fixture.RunFlowAsync(["item", "cpr"],
            [
                ("open", "Robot.Open", """{ "target": "systemA" }"""),
                ("next", "GetNextItem", $$"""{ "queue": "{{queue}}", "resultVariable": "item" }"""),
                ("detail", "Robot.Navigate", """{ "target": "systemA", "url": { "js": "'henvisning/' + variables.item.businessKey" } }"""),
                ("read", "Robot.ReadText", """{ "target": "systemA", "selector": [{ "xpath": "//th[.='CPR-nummer']/following-sibling::td" }], "variable": "cpr" }"""),
                ("result", "SetItemResult", """{ "itemId": { "js": "variables.item.id" }, "outcome": "Done", "message": { "js": "'checked ' + variables.cpr" } }"""),
            ],
            "open -> next", "next:Item -> detail", "detail -> read", "read -> result", "result -> next");
        clock.Stop();

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var journal = await fixture.JournalAsync(result.InstanceId);
        var ends = journal.Where(j => j.ActivityId == "result").ToList();
        Assert.Equal(2, ends.Count);
        var traces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var id = fixture.Referrals[i].Id;
            var screenshot = Assert.Single(ends[i].Log!, l => l.StartsWith($"Screenshot of 'systemA' at the end of item {queue}/{id} (Done): evidence:sha256:", StringComparison.Ordinal));
            Assert.Equal("PNG"u8.ToArray(), (await ContentOfAsync(screenshot))[1..4]);
            var trace = Assert.Single(ends[i].Log!, l => l.StartsWith($"Trace of item {queue}/{id} in 'systemA': evidence:sha256:", StringComparison.Ordinal));
            using var zip = new ZipArchive(new MemoryStream(await ContentOfAsync(trace)));
            var events = zip.Entries.Where(e => e.Name.EndsWith(".trace", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(events);
            var text = string.Join("\n", events.Select(e => new StreamReader(e.Open()).ReadToEnd()));
            traces.Add(text);
            Assert.Contains($"\"title\":\"{queue}/{id} (item ", text, StringComparison.Ordinal);
            Assert.DoesNotContain(zip.Entries, e => ContainsCpr(e.FullName));
        }

        // Each chunk holds the navigation of its own item only (its page snapshots may show what was on screen before).
        Assert.Equal([$"{fixture.SystemA.BaseUrl}henvisning/{fixture.Referrals[0].Id}"], Navigations(traces[0]));
        Assert.Equal([$"{fixture.SystemA.BaseUrl}henvisning/{fixture.Referrals[1].Id}"], Navigations(traces[1]));
        var lines = journal.SelectMany(j => (j.Log ?? []).Append(j.Inputs?.ToJsonString() ?? "").Append(j.Outputs?.ToJsonString() ?? "")).Concat(fixture.Log.For(result.InstanceId));
        Assert.DoesNotContain(lines, ContainsCpr);
        Assert.DoesNotContain(Directory.GetFiles(fixture.EvidenceDirectory, "*", SearchOption.AllDirectories), ContainsCpr);
        Assert.Equal(0, fixture.Driver.OpenContexts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_FaultsAfterOpen_LeavesNoBrowserContextOpen()
    {
        var result = await fixture.RunFlowAsync([],
            [
                ("open", "Robot.Open", """{ "target": "systemA" }"""),
                ("click", "Robot.Click", """{ "target": "systemA", "selector": [{ "css": "#not-on-this-page" }], "timeout": "00:00:00.300" }"""),
            ],
            "open -> click");

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("evidence:sha256:", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Sessions.Count);
        Assert.Equal(0, fixture.Driver.OpenContexts);
    }

    private static List<string> Navigations(string trace) =>
        [.. Goto().Matches(trace).Select(m => m.Groups["url"].Value)];

    private bool ContainsCpr(string text) =>
        fixture.Referrals.Any(r => text.Contains(r.Cpr, StringComparison.Ordinal) || text.Contains(r.Cpr.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));

    private async Task<byte[]> ContentOfAsync(string line)
    {
        Assert.True(EvidenceReference.TryParse(Reference().Match(line).Value, out var reference), $"no evidence reference in '{line}'");
        await using var content = await fixture.Services.GetRequiredService<IEvidenceStore>().OpenReadAsync(reference, CancellationToken.None);
        Assert.NotNull(content);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [GeneratedRegex("\"type\":\"before\"[^\\n]*?\"method\":\"goto\",\"params\":\\{\"url\":\"(?<url>[^\"]+)\"")]
    private static partial Regex Goto();

    [GeneratedRegex("evidence:sha256:[0-9a-f]{64}")]
    private static partial Regex Reference();
}
