namespace Automation.Places.Import;

/// <summary>
/// The outcome of importing one file. When <see cref="Rejected"/> is above zero nothing of the file was written and
/// Added/Changed/Unchanged are 0.
/// </summary>
/// <param name="File">The file, as given.</param>
/// <param name="Kind">What it held.</param>
/// <param name="Added">Records new to the store.</param>
/// <param name="Changed">Records that got a new version.</param>
/// <param name="Unchanged">Records identical to their current version.</param>
/// <param name="Rejected">Rows (or features) refused; see <see cref="Problems"/>.</param>
/// <param name="Duplicates">Records skipped because the same place is already registered under another id.</param>
/// <param name="Problems">Every rejection and duplicate with file, line, column and reason (at most 1,000 listed).</param>
/// <param name="Elapsed">Wall time of the import, reading included.</param>
public sealed record ImportResult(
    string File,
    ImportKind Kind,
    int Added,
    int Changed,
    int Unchanged,
    int Rejected,
    int Duplicates,
    IReadOnlyList<ImportProblem> Problems,
    TimeSpan Elapsed)
{
    /// <summary>True when the file's records were committed.</summary>
    public bool Written => Rejected == 0;

    /// <summary>Rows read (written, unchanged, rejected or skipped as duplicates).</summary>
    public int Rows => Added + Changed + Unchanged + Rejected + Duplicates;
}
