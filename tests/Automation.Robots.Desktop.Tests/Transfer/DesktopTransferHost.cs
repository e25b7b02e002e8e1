using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Automation.LegacyWeb;
using Automation.LegacyWeb.Storage;
using Automation.Robots.Desktop.Hosting;
using Automation.Robots.Desktop.Tests.Infrastructure;
using Automation.Robots.Hosting;
using Automation.Robots.Selectors;
using Automation.Robots.Targets;
using Automation.Robots.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Desktop.Tests.Transfer;

/// <summary>
/// What the shipped <c>workflows/referral-transfer-desktop.json</c> runs against in a test: an engine with the robot
/// activities, the web driver (Chromium) for system A of the legacy web app and the desktop driver for the legacy PAS
/// Desktop app (target <c>pas</c>, attached to the app's process), with both credentials in an in-memory vault.
/// </summary>
internal sealed class DesktopTransferHost : IAsyncDisposable
{
    public const string Queue = "referrals-to-pas-desktop";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "desktop-transfer-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    private DesktopTransferHost()
    {
    }

    public LegacySystem SystemA { get; private set; } = null!;

    public LegacyDesktopApp App { get; private set; } = null!;

    /// <summary>The desktop target; <see cref="ApplicationDescription.AttachTo"/> follows the app across restarts.</summary>
    public TargetSystem Pas { get; } = PasTarget();

    public IServiceProvider Services => _services!;

    /// <summary>Starts A with <paramref name="referrals"/>, the desktop app (with <paramref name="appArguments"/>) and the engine.</summary>
    public static async Task<DesktopTransferHost> StartAsync(DesktopSessionFixture session, IEnumerable<Referral> referrals, params string[] appArguments)
    {
        var host = new DesktopTransferHost();
        try
        {
            host.SystemA = await LegacySystem.StartAsync(LegacyVariant.A, Path.Combine(host._data, "a"), port: 0, CancellationToken.None);
            host.SystemA.Control.AddReferrals(referrals);
            host.App = LegacyDesktopApp.Start(session, appArguments);
            host.FollowApp();
            host._services = host.BuildServices();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Points the desktop target at the app's current process (after <see cref="LegacyDesktopApp.Restart"/>).</summary>
    public void FollowApp() => Pas.Application!.AttachTo = App.Pid.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shipped workflow file, unchanged except, when given, a shorter lease on its GetNextItem.</summary>
    public static async Task<WorkflowDefinition> ShippedWorkflowAsync(TimeSpan? lease = null)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DesktopSessionFixture.FindRepositoryRoot(), "workflows", "referral-transfer-desktop.json")))!;
        if (lease is { } l)
        {
            var next = json["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "next")!;
            next["inputs"]!["leaseDuration"] = l.ToString("c", CultureInfo.InvariantCulture);
        }

        return json.Deserialize<WorkflowDefinition>(WorkflowJson.Options)!;
    }

    public Task<RunResult> RunAsync(WorkflowDefinition definition, CancellationToken cancellationToken) =>
        Services.GetRequiredService<WorkflowRuntime>().StartAsync(definition, new StartOptions(), cancellationToken);

    public async Task<IReadOnlyList<WorkQueueItem>> ItemsAsync()
    {
        var page = await Services.GetRequiredService<IWorkQueueStore>().ListAsync(Queue, state: null, skip: 0, take: 1000, CancellationToken.None);
        return page.Items;
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId) =>
        await Services.GetRequiredService<IInstanceStore>().GetJournalAsync(instanceId, CancellationToken.None);

    /// <summary>Polls the queue until the item reaches <paramref name="state"/> (listing also turns run-out leases into InDoubt).</summary>
    public async Task<WorkQueueItem> WaitForItemStateAsync(string businessKey, WorkQueueItemState state, TimeSpan timeout)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var item = (await ItemsAsync()).Single(i => i.BusinessKey == businessKey);
            if (item.State == state)
            {
                return item;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{businessKey} is still {item.State}, not {state}, after {timeout.TotalSeconds:F0} s");
            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>Polls the app's SQLite file until it holds <paramref name="count"/> rows.</summary>
    public async Task WaitForSavedRowsAsync(int count, Task running, TimeSpan timeout)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = DateTime.UtcNow + timeout;
        while (App.ReadRegistrations().Count < count)
        {
            Assert.False(running.IsCompleted, $"the workflow ended before the app saved {count} rows: {(running.IsCompletedSuccessfully ? Describe(((Task<RunResult>)running).Result) : running.Exception?.Message)}");
            Assert.True(DateTime.UtcNow < deadline, $"the app saved {App.ReadRegistrations().Count} rows, not {count}, within {timeout.TotalSeconds:F0} s");
            await timer.WaitForNextTickAsync();
        }
    }

    public static string Describe(RunResult result) => $"instance {result.InstanceId} is {result.Status}: {result.Incident?.Message}";

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        App?.Dispose();
        if (SystemA is not null)
        {
            await SystemA.DisposeAsync();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private ServiceProvider BuildServices()
    {
        var vault = new InMemoryCredentialStore();
        vault.Set(new Credential("henvisning-robot", new Dictionary<string, string> { ["userName"] = "robot", ["password"] = "Robot-Pass-1" }));
        vault.Set(new Credential("pas-desktop-robot", new Dictionary<string, string> { ["userName"] = LegacyDesktopApp.UserName, ["password"] = LegacyDesktopApp.Password }));
        var services = new ServiceCollection();
        services.AddSingleton<ICredentialStore>(vault);
        services.AddAutomationRobots();
        services.AddWebRobotDriver();
        services.AddDesktopRobotDriver();
        services.Configure<RobotOptions>(o =>
        {
            o.EvidenceDirectory = Path.Combine(_data, "evidence");
            o.DefaultTimeout = TimeSpan.FromSeconds(5);
            o.Targets["systemA"] = new TargetSystem { Kind = "web", BaseUrl = SystemA.BaseUrl, Credential = "henvisning-robot", Login = WebLogin() };
            o.Targets["pas"] = Pas;
        });
        services.AddAutomationEngine();
        return services.BuildServiceProvider();
    }

    private static TargetSystem PasTarget()
    {
        var login = new LoginDescription();
        login.UserName.Add(new SelectorCandidate { TestId = "username" });
        login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        login.Password.Add(new SelectorCandidate { TestId = "password" });
        login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        login.Submit.Add(new SelectorCandidate { TestId = "login" });
        login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        login.Success.Add(new SelectorCandidate { TestId = "new-registration" });
        login.Success.Add(new SelectorCandidate { Role = "button", Name = "Ny registrering" });
        return new TargetSystem
        {
            Kind = "desktop",
            Application = new ApplicationDescription(),
            Credential = "pas-desktop-robot",
            Login = login,
        };
    }

    private static LoginDescription WebLogin()
    {
        var login = new LoginDescription { Path = "login" };
        login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        login.Success.Add(new SelectorCandidate { Role = "link", Name = "Log ud" });
        return login;
    }
}
