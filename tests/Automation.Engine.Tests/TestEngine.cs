using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Engine.Tests;

/// <summary>An engine with in-memory stores, a fake clock and a log that tests can read.</summary>
internal sealed class TestEngine : IDisposable
{
    private readonly ServiceProvider _services;

    public TestEngine(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IWorkflowLog>(Log);
        configure?.Invoke(services);
        services.AddAutomationEngine();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public RecordingLog Log { get; } = new();

    public WorkflowRuntime Runtime => _services.GetRequiredService<WorkflowRuntime>();

    public IInstanceStore Store => _services.GetRequiredService<IInstanceStore>();

    public IDefinitionStore Definitions => _services.GetRequiredService<IDefinitionStore>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowJson.Options)!;

    public Task<RunResult> RunAsync(WorkflowDefinition definition, JsonObject? input = null) =>
        Runtime.StartAsync(definition, new StartOptions { Input = input ?? [] }, CancellationToken.None);

    public void Dispose() => _services.Dispose();
}

/// <summary>Collects Log activity output in order.</summary>
internal sealed class RecordingLog : IWorkflowLog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public void Write(string instanceId, string activityId, string message)
    {
        lock (_lines)
        {
            _lines.Add(message);
        }
    }
}
