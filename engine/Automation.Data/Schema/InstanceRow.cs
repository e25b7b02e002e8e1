using Automation.Engine.Runtime;

namespace Automation.Data.Schema;

/// <summary>A workflow instance: the columns that queries filter on, and the rest of its state as one JSON document.</summary>
public sealed class InstanceRow
{
    public string Id { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public InstanceStatus Status { get; set; }

    public string? CorrelationId { get; set; }

    public string? ParentInstanceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>The serialized <see cref="InstanceState"/> (<c>WorkflowJson.Compact</c>).</summary>
    public string State { get; set; } = "{}";
}
