using System.Collections.Concurrent;
using Automation.Benchmarks.Engine.Harness;
using Automation.Data;
using Automation.Data.Instances;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Benchmarks.Engine.Ours;

/// <summary>
/// Our engine on a SQLite file (AddAutomationSqlite): every activity boundary is committed (instance, journal entry,
/// bookmarks) before the next activity runs. Many instances run at once so the group-commit writer can put several
/// instances' boundaries in one transaction. Each round gets a fresh temporary file.
/// </summary>
internal sealed class SqliteEngineScenario(int steps, int concurrency) : IScenario, IAsyncDisposable
{
    private readonly WorkflowDefinition _definition = Flows.Sequential(steps);
    private ServiceProvider? _services;
    private string? _path;
    private ConcurrentBag<RunResult> _results = [];
    private long _transactionsBefore;

    public string Engine => "ours SQLite";

    public int Steps => steps;

    /// <summary>Commits per SQLite transaction in the last round: how much group commit batched.</summary>
    public double CommitsPerTransaction { get; private set; }

    public async Task PrepareAsync(int instances, CancellationToken cancellationToken)
    {
        await CloseAsync();
        _path = Path.Combine(Path.GetTempPath(), $"engine-bench-{Guid.NewGuid():N}.db");

        // Migrate outside the timed part, then open the stores on the ready file.
        await AutomationDatabase.MigrateAsync(_path, cancellationToken);
        var services = new ServiceCollection();
        services.AddAutomationEngine();
        services.AddAutomationSqlite(_path);
        services.AddActivitiesFrom(typeof(Increment).Assembly);
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<WorkflowRuntime>();
        _transactionsBefore = Store.Transactions;
        _results = [];
    }

    public Task RunAsync(int instances, CancellationToken cancellationToken) =>
        EngineDriver.RunAsync(_services!.GetRequiredService<WorkflowRuntime>(), _definition, instances, _results, concurrency, cancellationToken);

    public async Task VerifyAsync(int instances, CancellationToken cancellationToken)
    {
        var transactions = Store.Transactions - _transactionsBefore;
        CommitsPerTransaction = instances * (double)steps / Math.Max(1, transactions);
        await EngineDriver.VerifyAsync(Store, _results, instances, steps, cancellationToken);

        // Commit at every boundary means one journal row per activity, stored before the instance went on.
        var sample = _results.First();
        var journal = await Store.GetJournalAsync(sample.InstanceId, cancellationToken);
        if (journal.Count != steps)
        {
            throw new InvalidOperationException($"Instance {sample.InstanceId} has {journal.Count} journal entries in SQLite; expected {steps}.");
        }
    }

    public Task ReleaseAsync() => CloseAsync();

    public async ValueTask DisposeAsync() => await CloseAsync();

    private SqliteInstanceStore Store => (SqliteInstanceStore)_services!.GetRequiredService<IInstanceStore>();

    private async Task CloseAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }

        if (_path is not null)
        {
            foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            {
                File.Delete(file);
            }

            _path = null;
        }

        _results = [];
    }
}
