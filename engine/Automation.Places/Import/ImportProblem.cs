namespace Automation.Places.Import;

/// <summary>One problem found while importing a file.</summary>
/// <param name="File">The file, as given.</param>
/// <param name="Line">1-based line of the row or GeoJSON feature; 0 when it concerns the whole file.</param>
/// <param name="Column">The CSV column or GeoJSON member at fault, when there is one.</param>
/// <param name="Reason">What is wrong and how to fix it.</param>
/// <param name="Rejected">True when the row was rejected (and with it the whole file); false for a reported duplicate that was skipped.</param>
public sealed record ImportProblem(string File, int Line, string? Column, string Reason, bool Rejected = true)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}:{(Line > 0 ? Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}{(Column is null ? "" : ":" + Column)}: {(Rejected ? "" : "duplicate: ")}{Reason}";
}
