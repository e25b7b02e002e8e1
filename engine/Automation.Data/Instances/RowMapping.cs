using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Data.Schema;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Data.Instances;

/// <summary>Rows back into the engine's types.</summary>
internal static class RowMapping
{
    public static WorkflowInstance ToInstance(InstanceRow row) => new()
    {
        Id = row.Id,
        DefinitionId = row.DefinitionId,
        DefinitionVersion = row.DefinitionVersion,
        Status = row.Status,
        CorrelationId = row.CorrelationId,
        ParentInstanceId = row.ParentInstanceId,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        FinishedAt = row.FinishedAt,
        LeaseOwner = row.LeaseOwner,
        LeaseExpiresAt = row.LeaseExpiresAt,
        State = JsonSerializer.Deserialize<InstanceState>(row.State, WorkflowJson.Compact) ?? new InstanceState(),
    };

    public static Bookmark ToBookmark(BookmarkRow row) => new()
    {
        Id = row.Id,
        InstanceId = row.InstanceId,
        ActivityId = row.ActivityId,
        Kind = row.Kind,
        Key = row.Key,
        DueAt = row.DueAt,
        Payload = row.Payload is null ? null : JsonNode.Parse(row.Payload)?.AsObject(),
        CreatedAt = row.CreatedAt,
    };

    public static JournalEntry ToJournal(JournalRow row) => new()
    {
        InstanceId = row.InstanceId,
        Sequence = row.Sequence,
        ActivityId = row.ActivityId,
        ActivityType = row.ActivityType,
        StartedAt = row.StartedAt,
        EndedAt = row.EndedAt,
        Outcome = row.Outcome,
        Inputs = row.Inputs is null ? null : JsonNode.Parse(row.Inputs)?.AsObject(),
        Outputs = row.Outputs is null ? null : JsonNode.Parse(row.Outputs)?.AsObject(),
        Log = row.Log is null ? null : JsonSerializer.Deserialize<List<string>>(row.Log, WorkflowJson.Compact),
        Attempts = row.Attempts,
        Exception = row.Exception,
    };
}
