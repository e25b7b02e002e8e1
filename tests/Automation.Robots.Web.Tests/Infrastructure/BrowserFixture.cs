using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Robots.Hosting;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Automation.Robots.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Web.Tests.Infrastructure;

/// <summary>
/// One Chromium and one fixture site per test class: an engine with the robot activities, the web driver, an
/// in-memory vault holding the robot's credential and a target <c>site</c> with its login. Every workflow run opens
/// its own browser context.
/// </summary>
public sealed class BrowserFixture : RobotHostFixture
{
    private FixtureSite? _site;

    internal FixtureSite Site => _site!;

    protected override async Task StartTargetsAsync(RobotOptions options, InMemoryCredentialStore vault)
    {
        _site = await FixtureSite.StartAsync();
        vault.Set(new Credential("site-robot", new Dictionary<string, string> { ["userName"] = FixtureSite.UserName, ["password"] = FixtureSite.Password }));
        var login = new LoginDescription { Path = "login" };
        login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        login.Success.Add(new SelectorCandidate { Role = "link", Name = "Log ud" });
        options.Targets["site"] = new TargetSystem { Kind = "web", BaseUrl = _site.Url, Credential = "site-robot", Login = login };
        options.Targets["plain"] = new TargetSystem { Kind = "web", BaseUrl = _site.Url };
    }

    protected override async Task StopTargetsAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}

/// <summary>An engine with the robot activities and the web driver (one Chromium for the fixture's lifetime) and the targets a subclass starts.</summary>
public abstract class RobotHostFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public string EvidenceDirectory { get; } = Path.Combine(Path.GetTempPath(), "robot-evidence-" + Guid.NewGuid().ToString("N"));

    public InstanceLog Log { get; } = new();

    public WorkflowRuntime Runtime => _services!.GetRequiredService<WorkflowRuntime>();

    public RobotSessions Sessions => _services!.GetRequiredService<RobotSessions>();

    /// <summary>The engine's services, for tests that look into stores (work queues, instances).</summary>
    public IServiceProvider Services => _services!;

    public async Task InitializeAsync()
    {
        var vault = new InMemoryCredentialStore();
        var options = new RobotOptions { EvidenceDirectory = EvidenceDirectory, DefaultTimeout = TimeSpan.FromSeconds(5) };
        await StartTargetsAsync(options, vault);
        var services = new ServiceCollection();
        services.AddSingleton<IWorkflowLog>(Log);
        services.AddSingleton<ICredentialStore>(vault);
        services.AddAutomationRobots();
        services.AddWebRobotDriver();
        services.Configure<RobotOptions>(o =>
        {
            o.EvidenceDirectory = options.EvidenceDirectory;
            o.DefaultTimeout = options.DefaultTimeout;
            foreach (var (name, target) in options.Targets)
            {
                o.Targets[name] = target;
            }
        });
        services.AddAutomationEngine();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await StopTargetsAsync();
        if (Directory.Exists(EvidenceDirectory))
        {
            Directory.Delete(EvidenceDirectory, recursive: true);
        }
    }

    /// <summary>Runs a straight line of activities given as <c>(type, inputs JSON)</c>; <paramref name="variables"/> are declared as type any.</summary>
    public async Task<RunResult> RunAsync(string[] variables, params (string Type, string Inputs)[] steps)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 0; i < steps.Length; i++)
        {
            activities.Add(new JsonObject { ["id"] = $"s{i + 1}", ["type"] = steps[i].Type, ["inputs"] = JsonNode.Parse(steps[i].Inputs) });
            if (i > 0)
            {
                connections.Add(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = $"s{i}", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = $"s{i + 1}" },
                });
            }
        }

        var definition = new JsonObject
        {
            ["id"] = "robot-test",
            ["name"] = "Robot test",
            ["variables"] = new JsonArray(variables.Select(v => (JsonNode)new JsonObject { ["name"] = v, ["type"] = "any" }).ToArray()),
            ["root"] = new JsonObject { ["activities"] = activities, ["connections"] = connections },
        };
        var workflow = definition.Deserialize<WorkflowDefinition>(WorkflowJson.Options)!;
        return await Runtime.StartAsync(workflow, new StartOptions(), CancellationToken.None);
    }

    /// <summary>Starts the systems the robots drive and adds their targets and credentials.</summary>
    protected abstract Task StartTargetsAsync(RobotOptions options, InMemoryCredentialStore vault);

    protected abstract Task StopTargetsAsync();

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId) =>
        await _services!.GetRequiredService<IInstanceStore>().GetJournalAsync(instanceId, CancellationToken.None);

    public async Task<JsonNode?> VariableAsync(string instanceId, string name) =>
        (await _services!.GetRequiredService<IInstanceStore>().GetInstanceAsync(instanceId, CancellationToken.None))?.State.Variables[name];
}

/// <summary>Workflow log lines per instance.</summary>
public sealed class InstanceLog : IWorkflowLog
{
    private readonly List<(string Instance, string Line)> _lines = [];

    public IReadOnlyList<string> For(string instanceId)
    {
        lock (_lines)
        {
            return _lines.Where(l => l.Instance == instanceId).Select(l => l.Line).ToList();
        }
    }

    public void Write(string instanceId, string activityId, string message)
    {
        lock (_lines)
        {
            _lines.Add((instanceId, message));
        }
    }
}
