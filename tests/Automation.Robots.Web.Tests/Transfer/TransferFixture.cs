using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.LegacyWeb;
using Automation.LegacyWeb.Faults;
using Automation.Robots.Selectors;
using Automation.Robots.Targets;
using Automation.Robots.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Web.Tests.Transfer;

/// <summary>
/// Systems A (200 seeded referrals) and B of the legacy web app as targets <c>systemA</c> and <c>systemB</c>, and the
/// shipped <c>workflows/referral-transfer.json</c>. The first transfer runs once per fixture, with faults in B, as
/// <see cref="Robots"/> instances of the workflow at once (each in its own browser context, all taking from the same
/// queue), and every test awaits it, so the tests do not depend on their order.
/// </summary>
public sealed class TransferFixture : RobotHostFixture
{
    public const int ReferralCount = 200;

    /// <summary>Robots running the workflow side by side in the first transfer.</summary>
    public const int Robots = 2;

    /// <summary>Registrations after which B forgets every session, so the robot must log in again midway.</summary>
    public const int ExpireSessionsAfter = 50;

    private readonly string _data = Path.Combine(Path.GetTempPath(), "legacy-transfer-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<Task<TransferRun>> _first;

    public TransferFixture() => _first = new Lazy<Task<TransferRun>>(RunFirstAsync);

    public LegacySystem SystemA { get; private set; } = null!;

    public LegacySystem SystemB { get; private set; } = null!;

    /// <summary>The first transfer: <see cref="Robots"/> runs of the shipped workflow at once, with latency, random 500s and one session expiry in B.</summary>
    public Task<TransferRun> FirstRun => _first.Value;

    /// <summary>
    /// Runs the shipped workflow file unchanged, as <paramref name="robots"/> instances started together. Each reads
    /// A into the queue (adding a referral that is already queued changes nothing) and then takes items until the
    /// queue is empty, so the robots share B's work.
    /// </summary>
    public async Task<TransferRun> RunWorkflowAsync(int robots = 1)
    {
        var file = Path.Combine(RepositoryRoot(), "workflows", "referral-transfer.json");
        var definition = JsonSerializer.Deserialize<WorkflowDefinition>(await File.ReadAllTextAsync(file), WorkflowJson.Options)!;
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, robots).Select(_ => Task.Run(() => Runtime.StartAsync(definition, new StartOptions(), CancellationToken.None))));
        return new TransferRun(results, clock.Elapsed);
    }

    protected override async Task StartTargetsAsync(RobotOptions options, InMemoryCredentialStore vault)
    {
        SystemA = await LegacySystem.StartAsync(LegacyVariant.A, Path.Combine(_data, "a"), port: 0, CancellationToken.None);
        SystemA.Control.SeedReferrals(ReferralCount);
        SystemB = await LegacySystem.StartAsync(LegacyVariant.B, Path.Combine(_data, "b"), port: 0, CancellationToken.None);
        vault.Set(new Credential("henvisning-robot", new Dictionary<string, string> { ["userName"] = "robot", ["password"] = "Robot-Pass-1" }));
        vault.Set(new Credential("pas-robot", new Dictionary<string, string> { ["userName"] = "robot", ["password"] = "Robot-Pass-1" }));
        options.Targets["systemA"] = new TargetSystem { Kind = "web", BaseUrl = SystemA.BaseUrl, Credential = "henvisning-robot", Login = Login() };
        options.Targets["systemB"] = new TargetSystem { Kind = "web", BaseUrl = SystemB.BaseUrl, Credential = "pas-robot", Login = Login() };
    }

    protected override async Task StopTargetsAsync()
    {
        await SystemA.DisposeAsync();
        await SystemB.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task<TransferRun> RunFirstAsync()
    {
        SystemB.Control.SetFaults(new FaultSettings(LatencyMinMs: 20, LatencyMaxMs: 50, ErrorRate: 0.07), seed: 11);
        using var stop = new CancellationTokenSource();
        var expirer = ExpireSessionsMidwayAsync(stop.Token);
        try
        {
            return await RunWorkflowAsync(Robots);
        }
        finally
        {
            await stop.CancelAsync();
            ExpiredAt = await expirer;
            InjectedErrors = SystemB.Control.InjectedErrors;
            SystemB.Control.ClearFaults();
        }
    }

    /// <summary>How many registrations B held when its sessions were expired; null when the run never got that far.</summary>
    public int? ExpiredAt { get; private set; }

    /// <summary>How many 500 pages B injected during the first run.</summary>
    public int InjectedErrors { get; private set; }

    /// <summary>Watches B's registrations and expires every session once <see cref="ExpireSessionsAfter"/> are saved.</summary>
    private async Task<int?> ExpireSessionsMidwayAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var count = SystemB.Control.Registrations().Count;
                if (count >= ExpireSessionsAfter)
                {
                    SystemB.Control.ExpireAllSessions();
                    return count;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return null;
    }

    private static LoginDescription Login()
    {
        var login = new LoginDescription { Path = "login" };
        login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        login.Success.Add(new SelectorCandidate { Role = "link", Name = "Log ud" });
        return login;
    }

    /// <summary>The repository, found from this source file's path (the build output may live elsewhere, for example under an artifacts path).</summary>
    internal static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Automation.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Automation.sln above {sourceFile}; build the tests from the repository.");
    }
}

/// <summary>One transfer: the result of each workflow instance that ran side by side, and how long it took in all.</summary>
public sealed record TransferRun(IReadOnlyList<RunResult> Results, TimeSpan Elapsed)
{
    /// <summary>Null when every instance finished, else what stopped the first one that did not.</summary>
    public string? Problem => Results.FirstOrDefault(r => r.Status != InstanceStatus.Finished) is { } failed
        ? $"instance {failed.InstanceId} is {failed.Status}: {failed.Incident?.Message}"
        : null;
}
