using CsvHelper;

namespace Automation.Connectors.Reconciliation;

/// <summary>One line of the CSV report.</summary>
/// <param name="Kind">differing, onlyInA, onlyInB, duplicateInA or duplicateInB.</param>
/// <param name="Key">The business key as the records give it (composite parts joined by " | ").</param>
/// <param name="Field">The differing field (A's name), empty for the other kinds.</param>
/// <param name="ValueA">A's value of the field.</param>
/// <param name="ValueB">B's value of the field.</param>
public sealed record ReportLine(string Kind, string Key, string Field, string ValueA, string ValueB);

/// <summary>
/// Writes the reconciliation report: one line per field difference, per record found on one side only and per
/// duplicated key. Semicolon-separated UTF-8 with a byte order mark, which Danish Excel opens as columns directly;
/// a value starting with = + - or @ gets a leading apostrophe so a spreadsheet shows it instead of running it.
/// The file appears whole or not at all (written beside it, then moved over it).
/// </summary>
public static class ReconciliationReport
{
    public const char Delimiter = ';';

    // Values come from other systems; a cell starting with = + - @ is shown as text instead of run as a formula.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = Delimiter,
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public static void Write(string path, string nameA, string nameB, IEnumerable<ReportLine> lines)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var csv = CsvWriter.Create(file, Options, leaveOpen: true))
            {
                csv.WriteRecord(["kind", "key", "field", nameA, nameB]);
                foreach (var line in lines)
                {
                    csv.WriteRecord([line.Kind, line.Key, line.Field, line.ValueA, line.ValueB]);
                }
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
