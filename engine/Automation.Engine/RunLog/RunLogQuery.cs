namespace Automation.Engine.RunLog;

/// <summary>Filters for reading the run log; every one optional, all given ones must match.</summary>
public sealed record RunLogQuery
{
    public string? WorkflowId { get; init; }

    /// <summary>Robot target system (or other resource).</summary>
    public string? Target { get; init; }

    /// <summary>Actor name (a user, token or trigger).</summary>
    public string? Actor { get; init; }

    public string? BusinessKey { get; init; }

    public string? InstanceId { get; init; }

    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    public string? Outcome { get; init; }

    public string? Type { get; init; }

    /// <summary>Records after this sequence number (for paging).</summary>
    public long AfterSequence { get; init; }

    /// <summary>At most this many records, in sequence order.</summary>
    public int Limit { get; init; } = 100;
}

/// <summary>Reads the run log (for auditors; callers record the read itself).</summary>
public interface IRunLogReader
{
    /// <summary>Records matching <paramref name="query"/>, in sequence order.</summary>
    Task<IReadOnlyList<RunLogRecord>> QueryAsync(RunLogQuery query, CancellationToken cancellationToken);

    /// <summary>The last record's sequence and hash (sequence 0 and the zero hash when empty).</summary>
    Task<(long Sequence, string Hash)> GetHeadAsync(CancellationToken cancellationToken);
}
