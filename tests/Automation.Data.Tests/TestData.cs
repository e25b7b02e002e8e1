using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Data.Sqlite;

namespace Automation.Data.Tests;

/// <summary>A temporary folder for database files, deleted with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "automation-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Database => System.IO.Path.Combine(Path, "automation.db");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Instances, commits and definitions for store tests.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static WorkflowInstance Instance(string id, InstanceStatus status = InstanceStatus.Running, string? owner = "host:1:a", DateTimeOffset? leaseExpiresAt = null) => new()
    {
        Id = id,
        DefinitionId = "flow",
        DefinitionVersion = 1,
        Status = status,
        CreatedAt = Now,
        UpdatedAt = Now,
        LeaseOwner = owner,
        LeaseExpiresAt = owner is null ? null : leaseExpiresAt ?? Now.AddMinutes(2),
        State = new InstanceState { Variables = new JsonObject { ["count"] = 1 }, Tokens = [new Token("start")] },
    };

    public static JournalEntry Journal(string instanceId, long sequence, string activityId = "step") => new()
    {
        InstanceId = instanceId,
        Sequence = sequence,
        ActivityId = activityId,
        ActivityType = "Log",
        StartedAt = Now,
        EndedAt = Now.AddMilliseconds(5),
        Outcome = "Done",
        Inputs = new JsonObject { ["message"] = "hello" },
        Log = ["hello"],
    };

    public static Bookmark Bookmark(string instanceId, string kind, string? key = null, DateTimeOffset? dueAt = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        InstanceId = instanceId,
        ActivityId = "wait",
        Kind = kind,
        Key = key,
        DueAt = dueAt,
        Payload = new JsonObject { ["form"] = "approve" },
        CreatedAt = createdAt ?? Now,
    };

    public static InstanceCommit New(WorkflowInstance instance, params Bookmark[] bookmarks) =>
        new() { Instance = instance, IsNew = true, AddedBookmarks = bookmarks };

    public static WorkflowDefinition Definition(string id, string message) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(
            $$"""
            {
              "id": "{{id}}", "name": "Greeting",
              "root": {
                "activities": [
                  { "id": "start", "type": "Start" },
                  { "id": "say", "type": "Log", "inputs": { "message": "{{message}}" } }
                ],
                "connections": [ { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "say" } } ]
              }
            }
            """,
            WorkflowJson.Options)!;

    /// <summary>Counts rows with a plain connection, independent of the stores under test.</summary>
    public static long Count(string databasePath, string table)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }
}
