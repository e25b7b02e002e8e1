namespace Automation.Data.RunLog;

/// <summary>Settings of <see cref="SqliteRunLog"/>.</summary>
public sealed class SqliteRunLogOptions
{
    /// <summary>The SQLite file (the same one as the stores).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>A checkpoint line is written after the batch that crosses every this many records, and on dispose.</summary>
    public int CheckpointEvery { get; init; } = 10_000;

    /// <summary>At most this many records per transaction.</summary>
    public int MaxBatch { get; init; } = 4_096;

    /// <summary>Off only for the benchmark's baseline (the same rows without the chain); never off in production.</summary>
    internal bool Hashing { get; init; } = true;
}
