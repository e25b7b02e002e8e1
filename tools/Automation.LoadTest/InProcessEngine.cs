using System.Globalization;
using Automation.Data;
using Automation.Engine.Definitions;
using Automation.Engine.ElsaImport;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.LoadTest;

/// <summary>
/// The peer: the same workflow run by WorkflowRuntime in this process on its own SQLite file (the server's store),
/// with the same number of StartAsync calls in flight as the API phases had requests, and no HTTP in between.
/// </summary>
internal static class InProcessEngine
{
    public static async Task<PhaseResult> MeasureAsync(int instances, int warmup, int concurrency, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"load-server-inprocess-{Guid.NewGuid():N}.db");
        try
        {
            await AutomationDatabase.MigrateAsync(path, cancellationToken);
            var services = new ServiceCollection();
            services.AddAutomationEngine();
            services.AddAutomationSqlite(path);
            await using var provider = services.BuildServiceProvider();
            var runtime = provider.GetRequiredService<WorkflowRuntime>();
            var definitions = provider.GetRequiredService<IDefinitionStore>();
            var draft = WorkflowFileLoader.LoadJson(LoadFlow.Json("load-inprocess"), "the load flow");
            await definitions.SaveDraftAsync(draft, cancellationToken);
            var definition = await definitions.PublishAsync(draft.Id, cancellationToken);

            await Phase.RunAsync("warm-up", warmup, concurrency, "inst", (_, ct) => StartAsync(runtime, definition, ct), cancellationToken);
            var measured = await Phase.RunAsync("engine in-process, SQLite", instances, concurrency, "inst", (_, ct) => StartAsync(runtime, definition, ct), ProcessCpu, cancellationToken);
            var stored = await provider.GetRequiredService<IInstanceQueries>().ListAsync(new InstanceFilter(Status: InstanceStatus.Finished), 0, 1, cancellationToken);
            if (stored.Total != instances + warmup)
            {
                throw new InvalidOperationException($"The in-process store holds {stored.Total} finished instances; expected {instances + warmup}.");
            }

            return measured;
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static async Task<bool> StartAsync(WorkflowRuntime runtime, WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var result = await runtime.StartAsync(definition, null, cancellationToken);
        return result.Status == InstanceStatus.Finished && result.Output["count"]?.ToJsonString() == LoadFlow.Steps.ToString(CultureInfo.InvariantCulture);
    }
}
