namespace Automation.Engine.RunLog;

/// <summary>Ids that tie an event to the work it belongs to; all optional.</summary>
public sealed record RunLogCorrelation
{
    /// <summary>No correlation.</summary>
    public static RunLogCorrelation None { get; } = new();

    public string? InstanceId { get; init; }

    public string? QueueItemId { get; init; }

    public string? BusinessKey { get; init; }

    public string? WorkflowId { get; init; }

    public int? WorkflowVersion { get; init; }

    /// <summary>A robot's target system, or another resource the event touched.</summary>
    public string? Target { get; init; }
}
