using System.Diagnostics;
using System.Text;
using Automation.Connectors.Csv;
using CsvHelper;

namespace Automation.Benchmarks.Connectors;

/// <summary>CSV ingest: our CsvRead core (validation, header mapping, JSON rows) against CsvHelper reading every field of the same file.</summary>
internal static class CsvIngest
{
    public static (TimeSpan Time, int Rows) Ours(string path)
    {
        var clock = Stopwatch.StartNew();
        var result = CsvFileReader.Read(
            new CsvReadSettings { Path = path, Separator = ';', Encoding = Encoding.UTF8, ActivityId = "bench" },
            CancellationToken.None);
        clock.Stop();
        if (result.BadRows.Count > 0)
        {
            throw new InvalidOperationException($"CsvRead reported {result.BadRows.Count} bad rows in generated data, first: {result.BadRows[0].Reason}");
        }

        return (clock.Elapsed, result.Rows.Count);
    }

    /// <summary>CsvHelper alone: each field read as a string and each row kept, as a caller that wants the rows would.</summary>
    public static (TimeSpan Time, int Rows) CsvHelperRaw(string path)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<string[]>();
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        using (var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
        using (var reader = CsvReader.Create(text, CsvReaderOptions.Default with { Separator = ';', HasHeader = true }, leaveOpen: true))
        {
            while (reader.Read())
            {
                var row = new string[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.GetString(i);
                }

                rows.Add(row);
            }
        }

        clock.Stop();
        return (clock.Elapsed, rows.Count);
    }
}
