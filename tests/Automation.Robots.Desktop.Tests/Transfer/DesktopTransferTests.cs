using System.Diagnostics;
using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Automation.LegacyWeb.Storage;
using Automation.Robots.Desktop.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Automation.Robots.Desktop.Tests.Transfer;

/// <summary>
/// The shipped <c>workflows/referral-transfer-desktop.json</c> end to end: referrals read from system A's web pages in
/// real Chromium and registered in the real GTK app PAS Desktop through AT-SPI, checked against the app's SQLite file.
/// </summary>
[Trait("Category", "Desktop")]
[Collection(DesktopCollection.Name)]
public sealed class DesktopTransferTests(DesktopSessionFixture session, ITestOutputHelper output)
{
    [Fact]
    public async Task Transfer_FiftyReferrals_SavesExactlyFiftyRowsWithAsValues()
    {
        var referrals = TransferReferrals.Create(50);
        Referral[] foreign = [TransferReferrals.Referral(51, "DERM"), TransferReferrals.Referral(52, "PAED")];
        await using var host = await DesktopTransferHost.StartAsync(session, [.. referrals, .. foreign]);
        var clock = Stopwatch.StartNew();

        var run = await host.RunAsync(await DesktopTransferHost.ShippedWorkflowAsync(), CancellationToken.None);

        output.WriteLine($"52 referrals (50 for PAS Desktop) in {clock.Elapsed.TotalSeconds:F1} s");
        await WriteSlowestStepsAsync(host, run);
        Assert.True(run.Status == InstanceStatus.Finished, DesktopTransferHost.Describe(run));
        var rows = host.App.ReadRegistrations();
        Assert.Equal(50, rows.Count);
        var items = await host.ItemsAsync();
        foreach (var referral in referrals)
        {
            var row = Assert.Single(rows, r => r.ReferralId == referral.Id);
            Assert.Equal(Expected(referral), (row.Cpr, row.Name, row.Department, row.Priority, row.Received, row.Note, row.Acute, row.Interpreter));
            var item = Assert.Single(items, i => i.BusinessKey == referral.Id);
            Assert.True(item.State == WorkQueueItemState.Done, $"{item.BusinessKey} is {item.State}: {item.Message}");
            Assert.Equal(row.JournalNo, item.Result?["journalNumber"]?.GetValue<string>());
            Assert.False(item.Result?["alreadyRegistered"]?.GetValue<bool>());
        }

        // Prioritet and Bemærkning have no label relation: the workflow finds them by position, right of their labels.
        var journal = await host.JournalAsync(run.InstanceId);
        foreach (var (step, candidate) in new[] { ("selectPriority", "{role: \"combo box\", rightOf: \"Prioritet\"}"), ("fillNote", "{role: \"text\", rightOf: \"Bemærkning\"}") })
        {
            var lines = journal.Where(j => j.ActivityId == step).SelectMany(j => j.Log ?? []).ToList();
            Assert.Equal(50, lines.Count(l => l.Contains($"candidate {candidate} of", StringComparison.Ordinal)));
        }

        // Each item's evidence without a step in the flow: a screenshot of the display and the desktop action log.
        var ends = journal.Where(j => j.ActivityId == "doneSaved").Select(j => string.Join('\n', j.Log ?? [])).ToList();
        Assert.Equal(50, ends.Count);
        Assert.All(ends, log => Assert.Matches("Screenshot of 'pas' at the end of item .*evidence:sha256:[0-9a-f]{64}", log));
        Assert.All(ends, log => Assert.Matches("Trace of item .* in 'pas'.*evidence:sha256:[0-9a-f]{64}", log));

        // A department PAS Desktop lacks is a business error: no retry, nothing saved, the operator told which.
        foreach (var referral in foreign)
        {
            var item = Assert.Single(items, i => i.BusinessKey == referral.Id);
            Assert.Equal(WorkQueueItemState.BusinessFailed, item.State);
            Assert.Contains($"no department for '{Automation.LegacyWeb.Storage.Departments.NameOf(referral.Department)}'", item.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Transfer_ReferralsAlreadyInTheApp_AreNeverWrittenAgain()
    {
        var referrals = TransferReferrals.Create(3);
        await using var host = await DesktopTransferHost.StartAsync(session, referrals);

        // Someone registered HEN-000002 by hand before the robot came, and HEN-000003 twice (the app allows that).
        InsertByHand(host.App, "HEN-000002", "J-000001");
        InsertByHand(host.App, "HEN-000003", "J-000002");
        InsertByHand(host.App, "HEN-000003", "J-000003");
        var run = await host.RunAsync(await DesktopTransferHost.ShippedWorkflowAsync(), CancellationToken.None);

        Assert.True(run.Status == InstanceStatus.Finished, DesktopTransferHost.Describe(run));
        var rows = host.App.ReadRegistrations();
        Assert.Equal(["HEN-000002", "HEN-000003", "HEN-000003", "HEN-000001"], rows.Select(r => r.ReferralId));
        var items = (await host.ItemsAsync()).ToDictionary(i => i.BusinessKey);
        Assert.Equal(WorkQueueItemState.Done, items["HEN-000001"].State);
        Assert.Equal(WorkQueueItemState.Done, items["HEN-000002"].State);
        Assert.True(items["HEN-000002"].Result?["alreadyRegistered"]?.GetValue<bool>());
        Assert.Equal("J-000001", items["HEN-000002"].Result?["journalNumber"]?.GetValue<string>());
        // Two registrations need an operator: the attempt ends AppFailed (the queue retries it later) and nothing is written.
        Assert.Equal(WorkQueueAttemptOutcome.AppFailed, items["HEN-000003"].History[^1].Outcome);
        Assert.Contains("holds 2 registrations for HEN-000003", items["HEN-000003"].Message, StringComparison.Ordinal);
        var journal = await host.JournalAsync(run.InstanceId);
        Assert.Equal(1, journal.Count(j => j.ActivityId == "openForm"));
    }

    [Fact]
    public async Task Transfer_AppKilledAfterThirdSave_RestartedRunRegistersEachReferralExactlyOnce()
    {
        var lease = TimeSpan.FromSeconds(12);
        var referrals = TransferReferrals.Create(5);
        await using var host = await DesktopTransferHost.StartAsync(session, referrals, "--save-delay-ms", "1500");
        var workflow = await DesktopTransferHost.ShippedWorkflowAsync(lease);

        // The 3rd row is committed and the app still shows its form (the save delay): a power cut right there.
        var first = host.RunAsync(workflow, CancellationToken.None);
        await host.WaitForSavedRowsAsync(3, first, TimeSpan.FromSeconds(120));
        host.App.Kill();
        var killed = host.App.ReadRegistrations()[2].ReferralId;
        var firstRun = await first;
        output.WriteLine($"first run: {DesktopTransferHost.Describe(firstRun)}");
        Assert.Equal(InstanceStatus.Faulted, firstRun.Status);

        // The robot never learnt whether its save went through: once its lease runs out the item is in doubt.
        var inDoubt = await host.WaitForItemStateAsync(killed, WorkQueueItemState.InDoubt, lease + TimeSpan.FromSeconds(30));
        host.App.Restart();
        host.FollowApp();
        var second = await host.RunAsync(workflow, CancellationToken.None);

        Assert.True(second.Status == InstanceStatus.Finished, DesktopTransferHost.Describe(second));
        var rows = host.App.ReadRegistrations();
        Assert.Equal(referrals.Select(r => r.Id).Order(), rows.Select(r => r.ReferralId).Order());
        var items = await host.ItemsAsync();
        Assert.All(items, i => Assert.True(i.State == WorkQueueItemState.Done, $"{i.BusinessKey} is {i.State}: {i.Message}"));
        var reconciled = items.Single(i => i.BusinessKey == killed);
        Assert.Equal([WorkQueueAttemptOutcome.InDoubt, WorkQueueAttemptOutcome.Done], reconciled.History.Select(h => h.Outcome));
        Assert.True(reconciled.Result?["alreadyRegistered"]?.GetValue<bool>(), $"{killed} was not found already registered: {reconciled.Message}");
        Assert.Equal(rows.Single(r => r.ReferralId == killed).JournalNo, reconciled.Result?["journalNumber"]?.GetValue<string>());

        // Reconciled by looking: the second run searched for the killed referral and never opened the form for it.
        var journal = await host.JournalAsync(second.InstanceId);
        var saves = journal.Count(j => j.ActivityId == "save");
        Assert.Equal(referrals.Count - 3, saves);
        output.WriteLine($"killed during {killed}'s save; in doubt: {inDoubt.Message}; second run saved {saves}");
    }

    [Fact]
    public async Task Transfer_AppHung_StepFailsWithinItsTimeoutNamingTheApp()
    {
        var referrals = TransferReferrals.Create(3);
        await using var host = await DesktopTransferHost.StartAsync(session, referrals);
        var running = host.RunAsync(await DesktopTransferHost.ShippedWorkflowAsync(), CancellationToken.None);
        await host.WaitForSavedRowsAsync(1, running, TimeSpan.FromSeconds(120));

        host.App.Stop();
        var frozen = Stopwatch.StartNew();
        RunResult run;
        try
        {
            run = await running.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            host.App.Continue();
        }

        output.WriteLine($"failed {frozen.Elapsed.TotalSeconds:F1} s after the app froze: {run.Incident?.Message}");
        Assert.Equal(InstanceStatus.Faulted, run.Status);

        // Within the timeout of the step that was running (5 s, or 15 s for the wait after Gem) and its screenshot, not a hang.
        Assert.True(frozen.Elapsed < TimeSpan.FromSeconds(25), $"the step took {frozen.Elapsed.TotalSeconds:F1} s to fail");
        var message = run.Incident?.Message ?? "";
        Assert.Contains("legacy_pas.py", message, StringComparison.Ordinal);
        Assert.Contains($"pid {host.App.Pid}", message, StringComparison.Ordinal);
    }

    /// <summary>A row as if typed into the app by a person, written straight into its SQLite file.</summary>
    private static void InsertByHand(LegacyDesktopApp app, string referralId, string journalNo)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO registrations (referral_id, cpr, name, department, priority, received, note, acute, interpreter, journal_no, saved_at)
            VALUES ($referral, '010150-1234', 'Indtastet Manuelt', 'Medicin', 'Normal', '2025-01-02', '', 0, 0, $journal, '2025-01-02T08:00:00.000+00:00')
            """;
        command.Parameters.AddWithValue("$referral", referralId);
        command.Parameters.AddWithValue("$journal", journalNo);
        command.ExecuteNonQuery();
    }

    private static (string Cpr, string Name, string Department, string Priority, DateOnly Received, string Note, bool Acute, bool Interpreter) Expected(Referral referral) =>
        (referral.Cpr, referral.FullName, TransferReferrals.Departments[referral.Department], referral.Urgent ? "Akut" : "Normal",
            DateOnly.FromDateTime(referral.ReceivedAt.UtcDateTime), referral.Reason, referral.Urgent, false);

    /// <summary>Where the time went, per activity of the workflow, for the test output.</summary>
    private async Task WriteSlowestStepsAsync(DesktopTransferHost host, RunResult run)
    {
        foreach (var step in (await host.JournalAsync(run.InstanceId)).GroupBy(j => j.ActivityId)
            .Select(g => (Id: g.Key, Count: g.Count(), Total: g.Sum(j => (j.EndedAt - j.StartedAt).TotalSeconds)))
            .OrderByDescending(s => s.Total).Take(12))
        {
            output.WriteLine($"{step.Id}: {step.Count} runs, {step.Total:F1} s, {1000 * step.Total / step.Count:F0} ms each");
        }
    }
}
