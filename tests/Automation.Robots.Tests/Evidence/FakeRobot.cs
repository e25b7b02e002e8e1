using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Automation.Robots.Evidence;
using Automation.Robots.Hosting;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Tests.Evidence;

/// <summary>
/// An engine with the robot activities and a fake driver: target <c>web</c> gets sessions that can trace, target
/// <c>desk</c> sessions that cannot (as the desktop driver's). Sessions record what was done to them.
/// </summary>
internal sealed class FakeRobotHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public FakeRobotHost(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddSingleton<ICredentialStore>(new InMemoryCredentialStore());
        services.AddAutomationRobots();
        services.AddSingleton<IRobotDriver>(Driver);
        services.Configure<RobotOptions>(o =>
        {
            o.EvidenceDirectory = EvidenceDirectory;
            o.Targets["web"] = new TargetSystem { Kind = "fake", BaseUrl = new Uri("http://web.invalid/") };
            o.Targets["desk"] = new TargetSystem { Kind = "fake", BaseUrl = new Uri("http://desk.invalid/") };
        });
        services.AddAutomationEngine();
        _services = services.BuildServiceProvider();
    }

    public string EvidenceDirectory { get; } = Path.Combine(Path.GetTempPath(), "item-evidence-tests-" + Guid.NewGuid().ToString("N"));

    public FakeDriver Driver { get; } = new();

    public RobotSessions Sessions => _services.GetRequiredService<RobotSessions>();

    public WorkflowRuntime Runtime => _services.GetRequiredService<WorkflowRuntime>();

    public IWorkQueueStore Queues => _services.GetRequiredService<IWorkQueueStore>();

    public IEvidenceStore Evidence => _services.GetRequiredService<IEvidenceStore>();

    public async Task AddItemsAsync(string queue, params string[] businessKeys)
    {
        foreach (var key in businessKeys)
        {
            await Queues.AddAsync(new NewWorkQueueItem(queue, key, new JsonObject { ["cpr"] = "010203-1234" }), CancellationToken.None);
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId) =>
        await _services.GetRequiredService<IInstanceStore>().GetJournalAsync(instanceId, CancellationToken.None);

    /// <summary>Runs a flow given as activities (with ids) and connections (<c>from[:port] → to</c>).</summary>
    public Task<RunResult> RunAsync(string[] variables, (string Id, string Type, string Inputs)[] activities, params string[] connections)
    {
        var definition = new JsonObject
        {
            ["id"] = "evidence-test",
            ["name"] = "Evidence test",
            ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode)new JsonObject { ["name"] = v, ["type"] = "any" })]),
            ["root"] = new JsonObject
            {
                ["activities"] = new JsonArray([.. activities.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["type"] = a.Type, ["inputs"] = JsonNode.Parse(a.Inputs) })]),
                ["connections"] = new JsonArray([.. connections.Select(Connection)]),
            },
        };
        return Runtime.StartAsync(definition.Deserialize<WorkflowDefinition>(WorkflowJson.Options)!, new StartOptions(), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(EvidenceDirectory))
        {
            Directory.Delete(EvidenceDirectory, recursive: true);
        }
    }

    private static JsonNode Connection(string text)
    {
        var (from, to) = (text.Split("->")[0].Trim(), text.Split("->")[1].Trim());
        var source = from.Split(':');
        return new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source[0], ["port"] = source.Length > 1 ? source[1] : "Done" },
            ["target"] = new JsonObject { ["activity"] = to },
        };
    }
}

/// <summary>Opens <see cref="FakeSession"/>s; those of target <c>web</c> can trace.</summary>
internal sealed class FakeDriver : IRobotDriver
{
    private readonly List<FakeSession> _opened = [];

    public string Kind => "fake";

    /// <summary>When set, screenshots fail with this message.</summary>
    public string? ScreenshotFailure { get; set; }

    public IReadOnlyList<FakeSession> Opened
    {
        get
        {
            lock (_opened)
            {
                return [.. _opened];
            }
        }
    }

    public Task<IRobotSession> OpenAsync(TargetSystem target, Credential? credential, TimeSpan timeout, CancellationToken cancellationToken)
    {
        FakeSession session = target.Name == "web" ? new TracingFakeSession(this, target) : new FakeSession(this, target);
        lock (_opened)
        {
            _opened.Add(session);
        }

        return Task.FromResult<IRobotSession>(session);
    }
}

/// <summary>A session that records the addresses it visits; its screenshot is the current address's bytes.</summary>
internal class FakeSession(FakeDriver driver, TargetSystem target) : IRobotSession
{
    public TargetSystem Target { get; } = target;

    public bool Disposed { get; private set; }

    public string Address { get; private set; } = "";

    public List<string> Visited { get; } = [];

    public Task<SignIn> SignInAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(SignIn.NotNeeded);

    public virtual Task NavigateAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Address = address;
        Visited.Add(address);
        return Task.CompletedTask;
    }

    public Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken) =>
        driver.ScreenshotFailure is { } failure ? throw new RobotException(failure) : Task.FromResult(System.Text.Encoding.UTF8.GetBytes("PNG " + Target.Name + " " + Address));

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    public Task<ElementMatch> ClickAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) => throw new RobotException($"nothing matches {selector}");

    public Task<ElementMatch> FillAsync(Selector selector, string value, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ElementMatch> SelectAsync(Selector selector, string option, OptionMatch by, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ElementMatch> CheckAsync(Selector selector, bool isChecked, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ElementValue<string>> ReadTextAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ElementValue<JsonArray>> ReadTableAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ElementMatch?> WaitForAsync(Selector selector, ElementState state, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ElementValue<DownloadedFile>> DownloadAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ElementMatch> UploadAsync(Selector selector, string filePath, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DialogSeen?> HandleDialogAsync(DialogAnswer answer, string? expectedText, Selector? click, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ElementMatch?> SwitchFrameAsync(Selector? frame, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> SwitchToPopupAsync(Selector? click, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SwitchBackAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>A session that can trace: a chunk is its title and the addresses visited while it recorded.</summary>
internal sealed class TracingFakeSession(FakeDriver driver, TargetSystem target) : FakeSession(driver, target), ITracingSession
{
    private List<string>? _chunk;

    public bool IsTracing => _chunk is not null;

    public List<string> Titles { get; } = [];

    public Task StartTraceAsync(string title, CancellationToken cancellationToken)
    {
        Titles.Add(title);
        _chunk = ["title " + title];
        return Task.CompletedTask;
    }

    public async Task<string?> StopTraceAsync(CancellationToken cancellationToken)
    {
        if (_chunk is null)
        {
            return null;
        }

        var path = Path.Combine(Path.GetTempPath(), $"fake-trace-{Guid.NewGuid():N}");
        await File.WriteAllLinesAsync(path, _chunk, cancellationToken);
        _chunk = null;
        return path;
    }

    public override Task NavigateAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _chunk?.Add("visit " + address);
        return base.NavigateAsync(address, timeout, cancellationToken);
    }
}
