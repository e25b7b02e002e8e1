using System.Text.Json.Nodes;
using Automation.Data;
using Automation.Engine.Persistence;
using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Automation.LegacyWeb;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Automation.Robots.Web.Tests.Transfer;

/// <summary>
/// The shipped referral-transfer workflow in a real robot process (tools/Automation.RobotHost) on a SQLite file,
/// killed with SIGKILL after B stored a registration but before the flow searched B again to verify it; a second
/// robot process on the same file must reconcile that item by looking, never by writing it again.
/// </summary>
[Trait("Category", "Browser")]
public sealed class RobotCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Queue = "referrals-to-b";
    private const int ReferralCount = 10;

    /// <summary>The robot dies while B's answer to this save (1-based) is held, so the saves before it finished normally.</summary>
    private const int KilledAtSave = 3;

    /// <summary>Short, so the killed robot's lease runs out soon; every item takes well under it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "robot-crash-" + Guid.NewGuid().ToString("N"));
    private LegacySystem _a = null!;
    private LegacySystem _b = null!;
    private SaveHoldingProxy _proxy = null!;

    private string Database => Path.Combine(_dir, "robot.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _a = await LegacySystem.StartAsync(LegacyVariant.A, Path.Combine(_dir, "a"), port: 0, CancellationToken.None);
        _a.Control.SeedReferrals(ReferralCount);
        _b = await LegacySystem.StartAsync(LegacyVariant.B, Path.Combine(_dir, "b"), port: 0, CancellationToken.None);
        _proxy = await SaveHoldingProxy.StartAsync(_b.BaseUrl, KilledAtSave);
        await File.WriteAllTextAsync(Path.Combine(_dir, "robot-host.json"), Settings(_a.BaseUrl, _proxy.Url, Path.Combine(_dir, "evidence")));
        await File.WriteAllTextAsync(Path.Combine(_dir, "referral-transfer.json"), await ShippedWorkflowWithLeaseAsync(Lease));
    }

    public async Task DisposeAsync()
    {
        // Null when InitializeAsync failed part way.
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Transfer_RobotKilledAfterSaveBeforeVerify_NextRobotFindsTheRecordAndNothingIsRegisteredTwice()
    {
        // Act 1: the first robot runs until B has stored save number 3 and its answer is held, then loses power.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string killedReferral;
        using (var first = StartRobot())
        {
            var firstEvent = await Task.WhenAny(_proxy.Held, first.Exited, Task.Delay(RunTimeout));
            first.Kill();
            Assert.True(firstEvent == _proxy.Held, $"the first robot never reached save {KilledAtSave}:{Environment.NewLine}{first}");
            killedReferral = await _proxy.Held;
        }

        _proxy.Release();
        var killedAt = clock.Elapsed;
        Assert.Single(_b.Control.Registrations(killedReferral));
        Assert.Equal(KilledAtSave, _b.Control.Registrations().Count);

        await using var store = OpenStore();
        var queue = store.GetRequiredService<IWorkQueueStore>();

        // The killed robot's lease runs out; only then may another robot take the item (as in doubt).
        var inDoubt = await WaitForStateAsync(queue, killedReferral, WorkQueueItemState.InDoubt, Lease + TimeSpan.FromSeconds(30));

        // Act 2: a new robot process on the same database.
        var inDoubtAt = clock.Elapsed;
        int exitCode;
        IReadOnlyList<string> secondStdout;
        using (var second = StartRobot())
        {
            exitCode = await second.WaitAsync(RunTimeout);
            secondStdout = second.Stdout;
            Assert.True(exitCode == 0, $"the second robot failed:{Environment.NewLine}{second}");
        }

        // Assert: B holds exactly one registration per referral, with A's values.
        var registrations = _b.Control.Registrations();
        Assert.Equal(ReferralCount, registrations.Count);
        var byReferral = registrations.ToDictionary(r => r.ReferralId);
        foreach (var referral in _a.Control.Referrals())
        {
            Assert.True(byReferral.TryGetValue(referral.Id, out var saved), $"{referral.Id} is not registered in B");
            Assert.Equal(
                (referral.Cpr, referral.FirstName, referral.LastName, referral.Address, referral.PostalCode, referral.City, referral.Department, referral.ReferralDate, referral.Urgent),
                (saved.Cpr, saved.FirstName, saved.LastName, saved.Address, saved.PostalCode, saved.City, saved.Department, saved.ReferralDate, saved.Urgent));
        }

        // Every item is Done; the killed one went through InDoubt and was closed as already registered.
        var items = (await queue.ListAsync(Queue, state: null, skip: 0, take: 100, CancellationToken.None)).Items;
        Assert.Equal(ReferralCount, items.Count);
        Assert.All(items, i => Assert.True(i.State == WorkQueueItemState.Done, $"{i.BusinessKey} is {i.State}: {i.Message}"));
        var killed = items.Single(i => i.BusinessKey == killedReferral);
        Assert.Equal([WorkQueueAttemptOutcome.InDoubt, WorkQueueAttemptOutcome.Done], killed.History.Select(h => h.Outcome));
        Assert.NotEqual(killed.History[0].Owner, killed.History[1].Owner);
        Assert.True(killed.History[1].InDoubt, "the second attempt was not handed out as in doubt");
        Assert.Equal(byReferral[killedReferral].RecordNumber, killed.Result?["journalNumber"]?.GetValue<string>());
        Assert.True(killed.Result?["alreadyRegistered"]?.GetValue<bool>(), $"the item's result says it was written again: {killed.Result}");

        // The new run's journal: it took the item as in doubt, found B's record and closed it without saving.
        var instanceId = secondStdout[^1].Split(' ')[0];
        Assert.Equal(killed.History[1].Owner, instanceId);
        var journal = await store.GetRequiredService<IInstanceStore>().GetJournalAsync(instanceId, CancellationToken.None);
        var itemSteps = StepsOfItem(journal, killed.Id);
        Assert.True(itemSteps[0].Outputs?["inDoubt"]?.GetValue<bool>(), "GetNextItem did not report the item as in doubt");
        Assert.Contains(itemSteps, s => s.ActivityId == "search");
        Assert.Contains(itemSteps, s => s.ActivityId == "doneAlready");
        Assert.DoesNotContain(itemSteps, s => s.ActivityId is "openForm" or "save");
        Assert.Equal(ReferralCount - KilledAtSave, journal.Count(j => j.ActivityId == "save"));
        output.WriteLine($"killed during {killedReferral}'s save after {killedAt.TotalSeconds:F1} s; in doubt ({inDoubt.Message}) after {inDoubtAt.TotalSeconds:F1} s; second run {instanceId} ended after {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"the second run's steps for {killedReferral}: {string.Join(", ", itemSteps.Select(s => s.ActivityId))}");
    }

    /// <summary>The journal entries from the GetNextItem that took <paramref name="itemId"/> up to the next GetNextItem.</summary>
    private static List<JournalEntry> StepsOfItem(IReadOnlyList<JournalEntry> journal, string itemId)
    {
        var start = journal.ToList().FindIndex(j => j.ActivityId == "next" && j.Outputs?["itemId"]?.GetValue<string>() == itemId);
        Assert.True(start >= 0, $"the second run never took item {itemId}");
        var steps = new List<JournalEntry> { journal[start] };
        steps.AddRange(journal.Skip(start + 1).TakeWhile(j => j.ActivityId != "next"));
        return steps;
    }

    private RobotHostProcess StartRobot() =>
        RobotHostProcess.Start(_dir, "--workflow", "referral-transfer.json", "--db", Database, "--settings", "robot-host.json");

    /// <summary>The test's own view of the robots' SQLite file (queues, journal); opened after the first robot created it.</summary>
    private ServiceProvider OpenStore() => new ServiceCollection().AddAutomationSqlite(Database).BuildServiceProvider();

    /// <summary>Polls the queue until the item reaches <paramref name="state"/> (listing also turns run-out leases into InDoubt).</summary>
    private static async Task<WorkQueueItem> WaitForStateAsync(IWorkQueueStore queue, string businessKey, WorkQueueItemState state, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        WorkQueueItem? item = null;
        try
        {
            do
            {
                item = (await queue.ListAsync(Queue, state: null, skip: 0, take: 100, cancel.Token)).Items.SingleOrDefault(i => i.BusinessKey == businessKey);
                if (item?.State == state)
                {
                    return item;
                }
            }
            while (await timer.WaitForNextTickAsync(cancel.Token));
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"{businessKey} did not become {state} within {timeout.TotalSeconds} s; it is {item?.State.ToString() ?? "not in the queue"}.");
    }

    /// <summary>workflows/referral-transfer.json with a short lease on its GetNextItem (the shipped file leaves the 5-minute default).</summary>
    private static async Task<string> ShippedWorkflowWithLeaseAsync(TimeSpan lease)
    {
        var file = Path.Combine(TransferFixture.RepositoryRoot(), "workflows", "referral-transfer.json");
        var workflow = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var next = workflow["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "next")!;
        next["inputs"]!["leaseDuration"] = lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        return workflow.ToJsonString();
    }

    /// <summary>The robot host's settings: targets systemA and systemB (through the proxy) with their logins, and the robots' credentials.</summary>
    private static string Settings(Uri systemA, Uri systemB, string evidence)
    {
        static JsonObject Login() => new()
        {
            ["Path"] = "login",
            ["UserName"] = new JsonArray(new JsonObject { ["Label"] = "Brugernavn" }),
            ["Password"] = new JsonArray(new JsonObject { ["Label"] = "Adgangskode" }),
            ["Submit"] = new JsonArray(new JsonObject { ["Role"] = "button", ["Name"] = "Log ind" }),
            ["Success"] = new JsonArray(new JsonObject { ["Role"] = "link", ["Name"] = "Log ud" }),
        };
        static JsonObject Robot() => new() { ["userName"] = "robot", ["password"] = "Robot-Pass-1" };
        return new JsonObject
        {
            ["Automation"] = new JsonObject
            {
                ["Robots"] = new JsonObject
                {
                    ["EvidenceDirectory"] = evidence,
                    ["DefaultTimeout"] = "00:00:10",
                    ["Targets"] = new JsonObject
                    {
                        ["systemA"] = new JsonObject { ["Kind"] = "web", ["BaseUrl"] = systemA.ToString(), ["Credential"] = "henvisning-robot", ["Login"] = Login() },
                        ["systemB"] = new JsonObject { ["Kind"] = "web", ["BaseUrl"] = systemB.ToString(), ["Credential"] = "pas-robot", ["Login"] = Login() },
                    },
                },
                ["Credentials"] = new JsonObject { ["henvisning-robot"] = Robot(), ["pas-robot"] = Robot() },
            },
        }.ToJsonString();
    }
}
