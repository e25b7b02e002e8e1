namespace Automation.Places.Import;

/// <summary>One row read from a file: a record, or the problem that made it unusable.</summary>
internal readonly record struct ImportRow<T>(int Line, T? Record, ImportProblem? Problem)
    where T : class
{
    /// <summary>True when <see cref="Hash"/> and <see cref="DuplicateKey"/> were computed while reading (addresses).</summary>
    public bool Hashed { get; init; }

    /// <summary>The record's content hash, when <see cref="Hashed"/>.</summary>
    public long Hash { get; init; }

    /// <summary>The record's duplicate key, when <see cref="Hashed"/>.</summary>
    public long DuplicateKey { get; init; }
}
