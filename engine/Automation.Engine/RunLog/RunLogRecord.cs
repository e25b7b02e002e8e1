namespace Automation.Engine.RunLog;

/// <summary>One stored run-log record, as read back.</summary>
public sealed record RunLogRecord
{
    public required long Sequence { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required RunLogActor Actor { get; init; }

    public required RunLogCorrelation Correlation { get; init; }

    public required string Type { get; init; }

    public string? Outcome { get; init; }

    /// <summary>The masked payload as stored (JSON), or null.</summary>
    public string? PayloadJson { get; init; }

    /// <summary>SHA-256 of the previous record (32 zero bytes for the first), lower-case hex.</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 of (previous hash + this record's canonical bytes), lower-case hex.</summary>
    public required string Hash { get; init; }
}
