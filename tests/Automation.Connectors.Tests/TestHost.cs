using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Connectors.Tests;

/// <summary>
/// An engine with the connectors, in-memory stores, a fake clock, an in-memory credential vault and a log that tests
/// can read. Connections are given directly instead of through configuration.
/// </summary>
internal sealed class TestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public TestHost(params ConnectionDefinition[] connections)
        : this(null, connections)
    {
    }

    public TestHost(Action<IServiceCollection>? configure, params ConnectionDefinition[] connections)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IWorkflowLog>(Log);
        services.AddSingleton<ICredentialStore>(Credentials);
        configure?.Invoke(services);
        services.AddAutomationConnectors();
        services.Configure<ConnectorOptions>(options =>
        {
            foreach (var connection in connections)
            {
                options.Connections[connection.Name] = connection;
            }
        });
        services.AddAutomationEngine();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public TestLog Log { get; } = new();

    public InMemoryCredentialStore Credentials { get; } = new();

    public WorkflowRuntime Runtime => _services.GetRequiredService<WorkflowRuntime>();

    public IInstanceStore Store => _services.GetRequiredService<IInstanceStore>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowJson.Options)!;

    public Task<RunResult> RunAsync(WorkflowDefinition definition, JsonObject? input = null) =>
        Runtime.StartAsync(definition, new StartOptions { Input = input ?? [] }, CancellationToken.None);

    /// <summary>The journal entries of one instance, in order.</summary>
    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId) =>
        await Store.GetJournalAsync(instanceId, CancellationToken.None);

    public void Dispose() => _services.Dispose();
}

/// <summary>Collects workflow log lines (Log activities and activity log lines) in order.</summary>
internal sealed class TestLog : IWorkflowLog
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
