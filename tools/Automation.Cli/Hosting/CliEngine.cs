using Automation.Connectors;
using Automation.Engine.Activities;
using Automation.Engine.Expressions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using Automation.Robots.Desktop.Hosting;
using Automation.Robots.Hosting;
using Automation.Robots.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Cli.Hosting;

/// <summary>The engine as the CLI uses it: in memory, or on a SQLite file when <c>--db</c> is given.</summary>
internal sealed class CliEngine : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _databasePath;

    private CliEngine(ServiceProvider services, string? databasePath)
    {
        _services = services;
        _databasePath = databasePath;
    }

    public WorkflowRuntime Runtime => _services.GetRequiredService<WorkflowRuntime>();

    /// <summary>The runtime's validator, built without the runtime so that checking a file never opens the store.</summary>
    public WorkflowValidator Validator => new(_services.GetRequiredService<ActivityRegistry>(), _services.GetRequiredService<IExpressionEvaluator>());

    public IDefinitionStore Definitions => _services.GetRequiredService<IDefinitionStore>();

    public IInstanceStore Instances => _services.GetRequiredService<IInstanceStore>();

    /// <summary>Builds the engine without touching the database; call <see cref="OpenStoreAsync"/> before the first store access.</summary>
    public static CliEngine Create(string? databasePath)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IWorkflowLog, StdoutWorkflowLog>();
        if (databasePath is not null)
        {
            SqliteStore.Register(services, databasePath);
        }

        // Connector activities (SQL, HTTP, FHIR, CSV, Reconcile) validate like any other; connections are looked up at run time.
        services.AddAutomationConnectors();
        services.AddAutomationRobots().AddWebRobotDriver().AddDesktopRobotDriver();
        services.AddAutomationEngine();
        return new CliEngine(services.BuildServiceProvider(), databasePath);
    }

    /// <summary>Creates or migrates the SQLite file, before <see cref="Runtime"/> is first used; nothing to do in memory.</summary>
    public Task OpenStoreAsync(CancellationToken cancellationToken) =>
        _databasePath is null ? Task.CompletedTask : SqliteStore.OpenAsync(_services, _databasePath, cancellationToken);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
