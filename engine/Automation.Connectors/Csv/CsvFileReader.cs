using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Runtime;
using CsvHelper;

namespace Automation.Connectors.Csv;

/// <summary>What <see cref="CsvFileReader"/> reads and how.</summary>
internal sealed class CsvReadSettings
{
    public required string Path { get; init; }

    /// <summary>Null: detected from the first line.</summary>
    public char? Separator { get; init; }

    public required Encoding Encoding { get; init; }

    public bool HasHeader { get; init; } = true;

    /// <summary>{field: "Header text" or 1-based column number}; null or empty: every column.</summary>
    public JsonObject? Columns { get; init; }

    /// <summary>{field: type}.</summary>
    public JsonObject? Types { get; init; }

    public string[] DateFormats { get; init; } = [];

    /// <summary>"," or "."; null: ',' when the separator is ';'.</summary>
    public string? DecimalSeparator { get; init; }

    public string ActivityId { get; init; } = "";
}

/// <summary>The rows read, the rows that could not be, and the separator used.</summary>
/// <remarks><see cref="Rows"/> materialises its nodes on first use; <see cref="RowCount"/> counts them without that.</remarks>
internal sealed record CsvReadResult(JsonArray Rows, int RowCount, IReadOnlyList<CsvBadRow> BadRows, char Separator);

/// <summary>Reads a CSV file with CsvHelper into JSON objects, collecting bad rows instead of stopping at the first.</summary>
internal static class CsvFileReader
{
    private static readonly string[] DefaultDateFormats = ["dd-MM-yyyy", "yyyy-MM-dd", "dd.MM.yyyy", "dd/MM/yyyy"];

    public static CsvReadResult Read(CsvReadSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Path))
        {
            throw new WorkflowFaultException($"Activity '{settings.ActivityId}' cannot read '{settings.Path}': there is no such file. Check the path (a dropped file is passed as input.file).");
        }

        var separator = settings.Separator ?? CsvDelimiters.Detect(FirstLine(settings));
        var badRows = new List<CsvBadRow>();
        var options = CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = settings.HasHeader,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            DetectSeparatorHint = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => badRows.Add(new CsvBadRow(record.LineNumber, Describe(record.Reason), record.RawRecord)),
        };

        using var stream = new FileStream(settings.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, settings.Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var reader = CsvReader.Create(text, options, leaveOpen: true);

        var headers = settings.HasHeader ? reader.Headers : [];
        var decimalSeparator = settings.DecimalSeparator is { Length: > 0 } given ? given[0] : separator == ';' ? ',' : '.';
        var dateFormats = settings.DateFormats.Length > 0 ? settings.DateFormats : DefaultDateFormats;
        var fields = settings.Columns is { Count: > 0 } ? Mapped(settings, headers) : null;
        var expectedCount = settings.HasHeader ? headers.Count : -1;
        var types = fields is null ? null : Typed(settings, fields, dateFormats, decimalSeparator);
        var names = fields is null ? null : Names(fields);
        JsonNode?[]? converted = null;

        // Rows are written as UTF-8 JSON and parsed once at the end: the JsonArray this gives materialises a row's
        // nodes only when something reads it, which keeps reading large files close to CsvHelper's own speed.
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        json.WriteStartArray();
        var count = 0;
        var rowCount = 0;

        while (reader.Read())
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (expectedCount < 0)
            {
                expectedCount = reader.FieldCount;
            }

            fields ??= AllColumns(headers, expectedCount);
            types ??= Typed(settings, fields, dateFormats, decimalSeparator);
            names ??= Names(fields);
            converted ??= new JsonNode?[fields.Count];
            if (reader.FieldCount != expectedCount)
            {
                var basis = settings.HasHeader ? "the header has" : "the first row has";
                badRows.Add(new CsvBadRow(reader.LineNumber, $"has {reader.FieldCount} fields, but {basis} {expectedCount}", Raw(reader)));
                continue;
            }

            List<string>? problems = null;
            for (var i = 0; i < fields.Count; i++)
            {
                if (types[i].IsText)
                {
                    continue;
                }

                var (_, index, label) = fields[i];
                var value = reader.GetString(index);
                if (!types[i].TryConvert(value, out converted[i], out var error))
                {
                    (problems ??= []).Add($"{label} '{value}' {error}");
                }
            }

            if (problems is not null)
            {
                badRows.Add(new CsvBadRow(reader.LineNumber, string.Join("; ", problems), Raw(reader)));
                continue;
            }

            json.WriteStartObject();
            for (var i = 0; i < fields.Count; i++)
            {
                json.WritePropertyName(names[i]);
                if (types[i].IsText)
                {
                    json.WriteStringValue(reader.GetSpan(fields[i].Index));
                }
                else if (converted[i] is { } node)
                {
                    node.WriteTo(json);
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndObject();
            rowCount++;
        }

        json.WriteEndArray();
        json.Flush();
        var rows = JsonNode.Parse(buffer.WrittenSpan)!.AsArray();
        return new CsvReadResult(rows, rowCount, badRows.OrderBy(b => b.Line).ToList(), separator);
    }

    private static JsonEncodedText[] Names(List<(string Field, int Index, string Label)> fields) =>
        fields.Select(f => JsonEncodedText.Encode(f.Field, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();

    private static string FirstLine(CsvReadSettings settings)
    {
        using var text = new StreamReader(settings.Path, settings.Encoding, detectEncodingFromByteOrderMarks: true);
        return text.ReadLine() ?? "";
    }

    private static string Raw(CsvReader reader) => Encoding.UTF8.GetString(reader.RawRecord);

    /// <summary>The mapped columns: each field with its column index and how messages name it.</summary>
    private static List<(string Field, int Index, string Label)> Mapped(CsvReadSettings settings, IReadOnlyList<string> headers)
    {
        var fields = new List<(string, int, string)>();
        foreach (var (field, spec) in settings.Columns!)
        {
            if (spec is JsonValue number && number.TryGetValue<int>(out var position) || (spec is JsonValue text && text.TryGetValue<string>(out var s) && !settings.HasHeader && int.TryParse(s, out position)))
            {
                if (position < 1)
                {
                    throw new WorkflowFaultException($"Input 'columns' of activity '{settings.ActivityId}' maps field '{field}' to column {position}; columns are numbered from 1.");
                }

                fields.Add((field, position - 1, $"{field} (column {position})"));
                continue;
            }

            var header = spec?.ToString() ?? "";
            var index = IndexOf(headers, header);
            if (index < 0)
            {
                var known = headers.Count == 0 ? "the file has no header line" : "its columns are " + string.Join(", ", headers.Select(h => $"'{h}'"));
                throw new WorkflowFaultException(
                    $"Activity '{settings.ActivityId}' maps field '{field}' to the column '{header}', which '{settings.Path}' does not have; {known}. Fix the mapping under 'columns' or the file.");
            }

            fields.Add((field, index, $"{field} ('{headers[index]}')"));
        }

        return fields;
    }

    private static int IndexOf(IReadOnlyList<string> headers, string header)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], header, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Trim(), header.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every column, named by its header (a repeated header gets _2, _3, ...) or column1, column2, ... without one.</summary>
    private static List<(string Field, int Index, string Label)> AllColumns(IReadOnlyList<string> headers, int count)
    {
        var fields = new List<(string, int, string)>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = i < headers.Count && headers[i].Trim().Length > 0 ? headers[i].Trim() : $"column{i + 1}";
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            fields.Add((unique, i, $"'{unique}'"));
        }

        return fields;
    }

    private static CsvFieldType[] Typed(CsvReadSettings settings, List<(string Field, int Index, string Label)> fields, string[] dateFormats, char decimalSeparator)
    {
        foreach (var (field, _) in settings.Types ?? [])
        {
            if (!fields.Exists(f => f.Field == field))
            {
                throw new WorkflowFaultException(
                    $"Input 'types' of activity '{settings.ActivityId}' names field '{field}', which is not read from '{settings.Path}'; the fields are {string.Join(", ", fields.Select(f => f.Field))}.");
            }
        }

        var types = new CsvFieldType[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var declaration = settings.Types is { } declared && declared.TryGetPropertyValue(fields[i].Field, out var type) ? type?.ToString() : null;
            types[i] = declaration is null ? CsvFieldType.Text : CsvFieldType.Parse(fields[i].Field, declaration, dateFormats, decimalSeparator, settings.ActivityId);
        }

        return types;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "has a quote inside an unquoted field; quote the whole field and double the quote",
        CsvMalformedReason.TextAfterClosingQuote => "has text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "has a quoted field that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "has a line break inside a quoted field",
        CsvMalformedReason.FieldCountMismatch => "has a different number of fields than the header",
        _ => $"is malformed ({reason})",
    };
}
