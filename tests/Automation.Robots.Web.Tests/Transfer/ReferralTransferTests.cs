using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Automation.Robots.Web.Tests.Transfer;

/// <summary>
/// The shipped referral-transfer workflow end to end: 200 referrals read from A's pages in real Chromium and
/// registered in B by two robots taking from the same queue at once, while B is slow, fails 7 % of its pages and
/// expires every session midway.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ReferralTransferTests(TransferFixture fixture, ITestOutputHelper output) : IClassFixture<TransferFixture>
{
    private const string Queue = "referrals-to-b";

    [Fact]
    public async Task Transfer_FaultyB_RegistersEveryReferralExactlyOnceWithItsValues()
    {
        var run = await fixture.FirstRun;
        output.WriteLine($"First run: {run.Elapsed.TotalSeconds:F1} s with {run.Results.Count} robots, {fixture.InjectedErrors} injected 500s, sessions expired at {fixture.ExpiredAt} registrations");

        await WriteSlowestStepsAsync(run);
        Assert.True(run.Problem is null, run.Problem);
        Assert.True(fixture.InjectedErrors > 0, "B injected no 500s, so the faults were not exercised");
        Assert.NotNull(fixture.ExpiredAt);
        var items = await ItemsAsync();
        Assert.Equal(TransferFixture.ReferralCount, items.Count);
        Assert.All(items, i => Assert.True(i.State == WorkQueueItemState.Done, $"{i.BusinessKey} is {i.State}: {i.Message}"));

        // Both robots did part of B's work, so exactly one registration each proves they never wrote the same referral.
        var doneBy = items.GroupBy(i => i.History[^1].Owner).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"Items done per robot: {string.Join(", ", doneBy.Values)}");
        Assert.Equal(run.Results.Select(r => r.InstanceId).Order(), doneBy.Keys.Order());
        var registrations = fixture.SystemB.Control.Registrations();
        Assert.Equal(TransferFixture.ReferralCount, registrations.Count);
        var byReferral = registrations.ToDictionary(r => r.ReferralId);
        foreach (var referral in fixture.SystemA.Control.Referrals())
        {
            Assert.True(byReferral.TryGetValue(referral.Id, out var saved), $"{referral.Id} is not registered in B");
            Assert.Equal(
                (referral.Cpr, referral.FirstName, referral.LastName, referral.Address, referral.PostalCode, referral.City, referral.Department, referral.ReferralDate, referral.Urgent),
                (saved.Cpr, saved.FirstName, saved.LastName, saved.Address, saved.PostalCode, saved.City, saved.Department, saved.ReferralDate, saved.Urgent));
            var item = items.Single(i => i.BusinessKey == referral.Id);
            Assert.Equal(saved.RecordNumber, item.Result?["journalNumber"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task Transfer_RunAgain_RegistersNothingNew()
    {
        var first = await fixture.FirstRun;
        Assert.True(first.Problem is null, first.Problem);
        var before = fixture.SystemB.Control.Registrations().Select(r => r.RecordNumber).ToList();

        var again = await fixture.RunWorkflowAsync();
        output.WriteLine($"Re-run: {again.Elapsed.TotalSeconds:F1} s");

        Assert.True(again.Problem is null, again.Problem);
        Assert.Equal(before, fixture.SystemB.Control.Registrations().Select(r => r.RecordNumber).ToList());
        var items = await ItemsAsync();
        Assert.Equal(TransferFixture.ReferralCount, items.Count);
        Assert.All(items, i => Assert.Equal(WorkQueueItemState.Done, i.State));
    }

    /// <summary>Where the time went, per activity of the workflow (all robots together), for the test output.</summary>
    private async Task WriteSlowestStepsAsync(TransferRun run)
    {
        var journal = new List<JournalEntry>();
        foreach (var result in run.Results)
        {
            journal.AddRange(await fixture.JournalAsync(result.InstanceId));
        }

        foreach (var step in journal.GroupBy(j => j.ActivityId)
            .Select(g => (Id: g.Key, Count: g.Count(), Total: g.Sum(j => (j.EndedAt - j.StartedAt).TotalSeconds)))
            .OrderByDescending(s => s.Total).Take(12))
        {
            output.WriteLine($"{step.Id}: {step.Count} runs, {step.Total:F1} s, {1000 * step.Total / step.Count:F0} ms each");
        }
    }

    private async Task<IReadOnlyList<WorkQueueItem>> ItemsAsync()
    {
        var page = await fixture.Services.GetRequiredService<IWorkQueueStore>().ListAsync(Queue, state: null, skip: 0, take: 1000, CancellationToken.None);
        return page.Items;
    }
}
