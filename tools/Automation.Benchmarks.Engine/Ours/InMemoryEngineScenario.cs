using System.Collections.Concurrent;
using Automation.Benchmarks.Engine.Harness;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Benchmarks.Engine.Ours;

/// <summary>
/// Our engine with AddAutomationEngine's defaults (InMemoryInstanceStore keeping the journal, Jint evaluator unused).
/// Instances are started by <see cref="EngineDriver.Concurrency"/> concurrent StartAsync calls; each runs to completion in its call.
/// With <paramref name="keepJournal"/> false (a diagnostic row, not the default) the store drops journal entries, which
/// shows how much of the time is the GC carrying retained journals rather than the runtime itself.
/// </summary>
internal sealed class InMemoryEngineScenario(int steps, bool keepJournal = true) : IScenario, IDisposable
{
    private readonly WorkflowDefinition _definition = Flows.Sequential(steps);
    private ServiceProvider? _services;
    private ConcurrentBag<RunResult> _results = [];

    public string Engine => keepJournal ? "ours in-memory" : "(diag) ours, journal not kept";

    public int Steps => steps;

    public Task PrepareAsync(int instances, CancellationToken cancellationToken)
    {
        // A fresh engine per round: the in-memory store keeps every instance and its journal, so without this
        // later rounds would pay for a heap full of earlier ones.
        Dispose();
        var services = new ServiceCollection();
        if (!keepJournal)
        {
            services.AddSingleton<IInstanceStore>(new InMemoryInstanceStore { KeepJournal = false });
        }

        services.AddAutomationEngine();
        services.AddActivitiesFrom(typeof(Increment).Assembly);
        _services = services.BuildServiceProvider();
        _results = [];
        return Task.CompletedTask;
    }

    public Task RunAsync(int instances, CancellationToken cancellationToken) =>
        EngineDriver.RunAsync(_services!.GetRequiredService<WorkflowRuntime>(), _definition, instances, _results, EngineDriver.Concurrency, cancellationToken);

    public Task VerifyAsync(int instances, CancellationToken cancellationToken) =>
        EngineDriver.VerifyAsync(_services!.GetRequiredService<IInstanceStore>(), _results, instances, steps, cancellationToken);

    public Task ReleaseAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _services?.Dispose();
        _services = null;
        _results = [];
    }
}
