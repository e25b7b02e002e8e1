using System.Text;

namespace Automation.Places.Import;

/// <summary>
/// A small RFC 4180 reader (comma, double quotes, "" inside quotes, line breaks inside quotes) that reuses its field
/// list and tracks the line each row starts on, which problems must name. (CsvHelper 34 is a rewritten API with a
/// different surface; this reader is a few dozen lines and streams millions of rows without per-row allocations
/// beyond the field strings.)
/// </summary>
internal sealed class CsvRows(TextReader reader)
{
    private readonly List<(int Start, int Length, string? Quoted)> _fields = [];
    private readonly StringBuilder _field = new();
    private string _line = "";
    private int _nextLine = 1;

    /// <summary>How many fields the current row has.</summary>
    public int Count => _fields.Count;

    /// <summary>The fields of the current row as strings (allocates; prefer <see cref="Span"/> on hot paths).</summary>
    public IReadOnlyList<string> Fields => [.. Enumerable.Range(0, _fields.Count).Select(i => this[i])];

    /// <summary>Field <paramref name="index"/> as a string.</summary>
    public string this[int index] => _fields[index] is { Quoted: { } quoted } ? quoted : _line.Substring(_fields[index].Start, _fields[index].Length);

    /// <summary>Field <paramref name="index"/> without allocating: unquoted fields are slices of the line.</summary>
    public ReadOnlySpan<char> Span(int index) => _fields[index] is { Quoted: { } quoted } ? quoted.AsSpan() : _line.AsSpan(_fields[index].Start, _fields[index].Length);

    /// <summary>1-based line the current row starts on.</summary>
    public int Line { get; private set; }

    /// <summary>Reads the next non-empty row; false at the end.</summary>
    public bool Read()
    {
        while (true)
        {
            var line = reader.ReadLine();
            if (line is null)
            {
                return false;
            }

            Line = _nextLine++;
            if (line.Length == 0)
            {
                continue;
            }

            _fields.Clear();
            if (Line == 1 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            _line = line;
            Split(line);
            return true;
        }
    }

    private void Split(string line)
    {
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                i = ReadQuoted(ref line, i + 1);
            }
            else
            {
                // Unquoted field: up to the next comma, no copying beyond the field itself.
                var comma = line.IndexOf(',', i);
                if (comma < 0)
                {
                    _fields.Add((i, line.Length - i, null));
                    return;
                }

                _fields.Add((i, comma - i, null));
                i = comma + 1;
                continue;
            }

            // After a quoted field: a comma (next field) or the end of the row.
            if (i >= line.Length)
            {
                return;
            }

            i = line[i] == ',' ? i + 1 : SkipToComma(line, i);
            if (i < 0)
            {
                return;
            }
        }
    }

    /// <summary>Reads a quoted field starting after its opening quote; returns the index after the closing quote.</summary>
    private int ReadQuoted(ref string line, int start)
    {
        _field.Clear();
        var i = start;
        while (true)
        {
            var quote = line.IndexOf('"', i);
            if (quote < 0)
            {
                // A quoted field spans lines.
                _field.Append(line, i, line.Length - i);
                if (reader.ReadLine() is not { } more)
                {
                    _fields.Add((0, 0, _field.ToString()));
                    line = "";
                    return 0;
                }

                _nextLine++;
                _field.Append('\n');

                // Earlier fields are slices of the line being left behind: keep them as strings.
                for (var f = 0; f < _fields.Count; f++)
                {
                    if (_fields[f].Quoted is null)
                    {
                        _fields[f] = (0, 0, line.Substring(_fields[f].Start, _fields[f].Length));
                    }
                }

                line = more;
                _line = more;
                i = 0;
                continue;
            }

            _field.Append(line, i, quote - i);
            if (quote + 1 < line.Length && line[quote + 1] == '"')
            {
                _field.Append('"');
                i = quote + 2;
                continue;
            }

            _fields.Add((0, 0, _field.ToString()));
            return quote + 1;
        }
    }

    /// <summary>Text between a closing quote and the next comma is kept as RFC 4180 readers commonly do: ignored.</summary>
    private static int SkipToComma(string line, int i)
    {
        var comma = line.IndexOf(',', i);
        return comma < 0 ? -1 : comma + 1;
    }
}
