using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Data.Tests;

public sealed class SqliteServiceCollectionExtensionsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddAutomationSqlite_BeforeOrAfterEngine_ReplacesInMemoryStores(bool sqliteFirst)
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection();
        if (sqliteFirst)
        {
            services.AddAutomationSqlite(folder.Database).AddAutomationEngine();
        }
        else
        {
            services.AddAutomationEngine().AddAutomationSqlite(folder.Database);
        }

        await using (var provider = services.BuildServiceProvider())
        {
            Assert.IsType<Automation.Data.Instances.SqliteInstanceStore>(provider.GetRequiredService<IInstanceStore>());
            Assert.IsType<Automation.Data.Definitions.SqliteDefinitionStore>(provider.GetRequiredService<IDefinitionStore>());
            var definition = await provider.GetRequiredService<IDefinitionStore>().PublishIfChangedAsync(Sequence(), None);
            await provider.GetRequiredService<WorkflowRuntime>().StartAsync(definition, null, None);
        }

        // The runtime itself wrote to the file, not to an in-memory store left over from the engine's registration.
        Assert.Equal(1, TestData.Count(folder.Database, "Instances"));
        Assert.Equal(3, TestData.Count(folder.Database, "Journal"));
    }

    [Fact]
    public async Task StartAsync_WithSqliteStores_FinishedWithJournalInOrderAfterReopen()
    {
        using var folder = new TempFolder();
        await AutomationDatabase.MigrateAsync(folder.Database, None);
        string instanceId;
        await using (var engine = Engine(folder))
        {
            var definition = await engine.GetRequiredService<IDefinitionStore>().PublishIfChangedAsync(Sequence(), None);
            var result = await engine.GetRequiredService<WorkflowRuntime>().StartAsync(definition, new StartOptions { CorrelationId = "ref-1" }, None);
            instanceId = result.InstanceId;
            Assert.Equal(InstanceStatus.Finished, result.Status);
        }

        await using var reopened = await AutomationDatabase.OpenAsync(folder.Database, null, None);
        var instance = await reopened.Instances.GetInstanceAsync(instanceId, None);
        var journal = await reopened.Instances.GetJournalAsync(instanceId, None);

        Assert.Equal(InstanceStatus.Finished, instance!.Status);
        Assert.Null(instance.LeaseOwner);
        Assert.Equal("ref-1", instance.CorrelationId);
        Assert.Equal("done", instance.State.Output["result"]!.GetValue<string>());
        Assert.Equal(["start", "set", "say"], journal.Select(j => j.ActivityId));
        Assert.Equal([1L, 2L, 3L], journal.Select(j => j.Sequence));
    }

    [Fact]
    public async Task SignalAsync_AfterReopen_ResumesSuspendedInstanceFromStoredBookmark()
    {
        using var folder = new TempFolder();
        RunResult suspended;
        await using (var engine = Engine(folder))
        {
            var definition = await engine.GetRequiredService<IDefinitionStore>().PublishIfChangedAsync(WaitForGo(), None);
            suspended = await engine.GetRequiredService<WorkflowRuntime>().StartAsync(definition, null, None);
        }

        await using var reopened = Engine(folder);
        var store = reopened.GetRequiredService<IInstanceStore>();
        var waiting = await store.FindBookmarksAsync(BookmarkKinds.Signal, "go", None);
        var resumed = await reopened.GetRequiredService<WorkflowRuntime>().SignalAsync("go", JsonValue.Create("payload"), null, None);

        Assert.Equal(InstanceStatus.Suspended, suspended.Status);
        Assert.Equal(Assert.Single(suspended.Bookmarks).Id, Assert.Single(waiting).Id);
        Assert.Equal(InstanceStatus.Finished, Assert.Single(resumed).Status);
        Assert.Empty(await store.FindBookmarksAsync(BookmarkKinds.Signal, "go", None));
        Assert.Equal(["start", "wait", "wait", "say"], (await store.GetJournalAsync(suspended.InstanceId, None)).Select(j => j.ActivityId));
    }

    private static ServiceProvider Engine(TempFolder folder)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestData.Now));
        services.AddAutomationEngine();
        services.AddAutomationSqlite(folder.Database);
        return services.BuildServiceProvider();
    }

    private static WorkflowDefinition Sequence() => Parse("""
        {
          "id": "sequence", "name": "Sequence",
          "variables": [{ "name": "result", "type": "string", "default": "" }],
          "outputs": [{ "name": "result", "type": "string" }],
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "set", "type": "SetVariable", "inputs": { "variable": "result", "value": "done" } },
              { "id": "say", "type": "Log", "inputs": { "message": "finished" } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "set" } },
              { "source": { "activity": "set", "port": "Done" }, "target": { "activity": "say" } }
            ]
          }
        }
        """);

    private static WorkflowDefinition WaitForGo() => Parse("""
        {
          "id": "wait-for-go", "name": "Wait for go",
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "go" } },
              { "id": "say", "type": "Log", "inputs": { "message": "went" } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "wait" } },
              { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "say" } }
            ]
          }
        }
        """);

    private static WorkflowDefinition Parse(string json) => JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowJson.Options)!;
}
