using System.Globalization;
using System.Text;
using Automation.Places.Import;

namespace Automation.Benchmarks.Places.Data;

/// <summary>Comma-separated reading (through the product's reader) and writing for the DAWA-shaped files (only text fields are quoted).</summary>
internal static class Csv
{
    /// <summary>The rows after the header, read with the product's own CSV reader (the importer's <see cref="CsvRows"/>).</summary>
    public static IEnumerable<string[]> Rows(string path, out string[] header)
    {
        var csv = new CsvRows(new StreamReader(path, Encoding.UTF8, true, 1 << 16));
        header = csv.Read() ? [.. csv.Fields] : throw new InvalidDataException($"{path} is empty; expected a header line.");
        return Read(csv);

        static IEnumerable<string[]> Read(CsvRows csv)
        {
            while (csv.Read())
            {
                yield return [.. csv.Fields];
            }
        }
    }

    /// <summary>The fields of one line, split like the importer does.</summary>
    public static string[] Split(string line)
    {
        var csv = new CsvRows(new StringReader(line));
        return csv.Read() ? [.. csv.Fields] : [""];
    }

    public static string Quote(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    public static string Number(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static double ParseNumber(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
