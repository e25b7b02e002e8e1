namespace Automation.Places.Import;

/// <summary>One row read from a file: a record, or the problem that made it unusable.</summary>
internal readonly record struct ImportRow<T>(int Line, T? Record, ImportProblem? Problem)
    where T : class;
