using System.Globalization;
using System.Text;

namespace Automation.Benchmarks.Places.Data;

/// <summary>Minimal comma-separated reading and writing for the DAWA-shaped files (only text fields are quoted).</summary>
internal static class Csv
{
    public static IEnumerable<string[]> Rows(string path, out string[] header)
    {
        var reader = new StreamReader(path, Encoding.UTF8, true, 1 << 16);
        header = Split(reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty; expected a header line."));
        return Read(reader);

        static IEnumerable<string[]> Read(StreamReader reader)
        {
            using (reader)
            {
                while (reader.ReadLine() is { } line)
                {
                    yield return Split(line);
                }
            }
        }
    }

    public static string[] Split(string line)
    {
        var fields = new List<string>(24);
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    public static string Quote(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    public static string Number(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static double ParseNumber(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
