using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Runtime;
using Automation.Robots.Hosting;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Tests.Activities;

/// <summary>The driver-agnostic part of the robot activities, with a scripted driver instead of a browser.</summary>
public sealed class RobotActivityFailureTests : IAsyncLifetime
{
    private readonly string _evidence = Path.Combine(Path.GetTempPath(), "robot-activity-tests-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICredentialStore>(new InMemoryCredentialStore());
        services.AddAutomationRobots();
        services.AddSingleton<IRobotDriver, ScriptedDriver>();
        services.Configure<RobotOptions>(o =>
        {
            o.EvidenceDirectory = _evidence;
            o.Targets["app"] = new TargetSystem { Kind = "scripted", BaseUrl = new Uri("http://app.invalid/") };
            o.Targets["desk"] = new TargetSystem { Kind = "desktop" };
        });
        services.AddAutomationEngine();
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(_evidence))
        {
            Directory.Delete(_evidence, recursive: true);
        }
    }

    [Fact]
    public async Task Click_WithoutOpen_FaultsAskingForAnOpenActivity()
    {
        var result = await RunAsync(("Robot.Click", """{ "target": "app", "selector": "#save" }"""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("no session is open for it in this instance; put an Open activity for 'app' before it", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnknownTarget_FaultsListingTheConfiguredTargets()
    {
        var result = await RunAsync(("Robot.Open", """{ "target": "nowhere" }"""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("no robot target system 'nowhere' (configured: app, desk)", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_KindWithoutDriver_FaultsNamingTheKind()
    {
        var result = await RunAsync(("Robot.Open", """{ "target": "desk" }"""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("is of kind 'desktop', but no robot driver for it is installed (installed: scripted)", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_DriverFails_FaultCarriesScreenshotEvidence()
    {
        var result = await RunAsync(("Robot.Open", """{ "target": "app" }"""), ("Robot.Click", """{ "target": "app", "selector": [{ "css": "#missing" }] }"""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("Activity 's2': nothing matches [{css: \"#missing\"}] Evidence: screenshot evidence:sha256:", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_evidence, "sha256"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Click_BadSelectorFromAnExpression_FaultsWithoutRetryNamingTheInput()
    {
        // A literal bad selector is refused when the workflow is validated; one computed at run time faults the step.
        var result = await RunAsync(("Robot.Open", """{ "target": "app" }"""), ("Robot.Click", """{ "target": "app", "selector": { "js": "[{ css: '#a', text: 'Gem' }]" } }"""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("Input 'selector' of activity 's2'", result.Incident!.Message, StringComparison.Ordinal);
    }

    private Task<RunResult> RunAsync(params (string Type, string Inputs)[] steps)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 0; i < steps.Length; i++)
        {
            activities.Add(new JsonObject { ["id"] = $"s{i + 1}", ["type"] = steps[i].Type, ["inputs"] = JsonNode.Parse(steps[i].Inputs) });
            if (i > 0)
            {
                connections.Add(new JsonObject { ["source"] = new JsonObject { ["activity"] = $"s{i}", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = $"s{i + 1}" } });
            }
        }

        var definition = new JsonObject { ["id"] = "robot", ["name"] = "Robot", ["root"] = new JsonObject { ["activities"] = activities, ["connections"] = connections } }
            .Deserialize<WorkflowDefinition>(WorkflowJson.Options)!;
        return _services.GetRequiredService<WorkflowRuntime>().StartAsync(definition, new StartOptions(), CancellationToken.None);
    }

    /// <summary>A driver whose sessions find nothing and whose screenshots are a fixed PNG-like byte string.</summary>
    private sealed class ScriptedDriver : IRobotDriver
    {
        public string Kind => "scripted";

        public Task<IRobotSession> OpenAsync(TargetSystem target, Credential? credential, TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.FromResult<IRobotSession>(new Session(target));

        private sealed class Session(TargetSystem target) : IRobotSession
        {
            public TargetSystem Target { get; } = target;

            public Task<SignIn> SignInAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(SignIn.NotNeeded);

            public Task<ElementMatch> ClickAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) =>
                throw new RobotException($"nothing matches {selector}");

            public Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken) => Task.FromResult("PNG screen"u8.ToArray());

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;

            public Task NavigateAsync(string address, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

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
    }
}
