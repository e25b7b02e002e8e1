using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using CsvHelper;

namespace Automation.Connectors.Csv;

/// <summary>
/// Writes rows (an array of objects) to a CSV file with a header line. The file is written beside its final name
/// and renamed into place, so a reader (or a file-drop trigger watching the folder) never sees half a file.
/// </summary>
[Activity("CsvWrite", "Files", "Write CSV", Description = "Writes rows of objects to a CSV file, atomically.")]
public sealed class CsvWrite : IActivity
{
    public static readonly Input<string> Path = new("path", "File", DataType.String)
    {
        Required = true,
        Description = "Full path of the file to write; an existing file is replaced.",
    };

    public static readonly Input<JsonArray> Rows = new("rows", "Rows", DataType.Array)
    {
        Required = true,
        Editor = InputEditor.JavaScript,
        Description = "An array of objects, for example variables.result.rows.",
    };

    public static readonly Input<JsonNode> Columns = new("columns", "Columns", DataType.Any)
    {
        Editor = InputEditor.Json,
        Description = "Column order as [\"field\", ...], or {\"field\": \"Header text\"} to name the headers. Empty: the fields of the rows in order of appearance.",
    };

    public static readonly Input<string> Delimiter = new("delimiter", "Delimiter", DataType.String)
    {
        Default = ";",
        Editor = InputEditor.Dropdown,
        Options = [";", ",", "tab"],
        Description = "';' is what Danish Excel opens directly.",
    };

    public static readonly Input<string> Encoding = new("encoding", "Encoding", DataType.String)
    {
        Default = CsvEncodings.Utf8,
        Editor = InputEditor.Dropdown,
        Options = CsvEncodings.WriteNames,
        Description = "utf-8-bom adds the byte order mark Excel needs to show æøå from UTF-8; windows-1252 suits older Danish systems.",
    };

    public static readonly Input<bool> WriteHeader = new("header", "Write a header line", DataType.Boolean) { Default = true, Editor = InputEditor.Boolean };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store result in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = "Receives {path, rowCount}.",
    };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var path = context.Get(Path);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new WorkflowFaultException($"Input 'path' of activity '{context.ActivityId}' is empty; give the full path of the file to write.");
        }

        var rows = context.Get(Rows, personal: true) ?? [];
        var columns = ReadColumns(context, rows);
        var separator = CsvDelimiters.Parse(context.Get(Delimiter), context.ActivityId, allowAuto: false)!.Value;
        var encoding = CsvEncodings.Resolve(context.Get(Encoding), context.ActivityId, CsvEncodings.WriteNames);
        var header = context.Get(WriteHeader);

        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' cannot write '{full}': the folder '{folder}' does not exist. Create it or fix the path.");
        }

        // Same folder as the target, so the final rename never crosses file systems and is atomic.
        var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await WriteAsync(temp, rows, columns, separator, encoding, header, cancellationToken);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' could not write '{full}': {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temp);
        }

        context.Log($"Wrote {rows.Count} rows to {full}");
        if (context.Get(ResultVariable) is { Length: > 0 } variable)
        {
            context.SetVariable(variable, new JsonObject { ["path"] = full, ["rowCount"] = rows.Count });
        }

        return ActivityResult.Done;
    }

    private static async Task WriteAsync(string temp, JsonArray rows, List<(string Field, string Header)> columns, char separator, Encoding encoding, bool header, CancellationToken cancellationToken)
    {
        var options = CsvWriterOptions.Default with { Separator = separator, FormatProvider = CultureInfo.InvariantCulture };
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await using (var text = new StreamWriter(file, encoding, 1 << 16, leaveOpen: true))
            await using (var writer = CsvWriter.Create(text, options, leaveOpen: true))
            {
                var fields = new string?[columns.Count];
                if (header)
                {
                    writer.WriteHeader(columns.Select(c => c.Header).ToArray());
                }

                foreach (var row in rows)
                {
                    for (var i = 0; i < columns.Count; i++)
                    {
                        fields[i] = row is JsonObject o && o.TryGetPropertyValue(columns[i].Field, out var value) ? Text(value) : null;
                    }

                    await writer.WriteRecordAsync(fields!, cancellationToken);
                }

                await writer.FlushAsync(cancellationToken);
            }

            // On disk before the rename makes it visible.
            file.Flush(flushToDisk: true);
        }
    }

    private static string? Text(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    private static List<(string Field, string Header)> ReadColumns(ActivityContext context, JsonArray rows)
    {
        switch (context.Get(Columns))
        {
            case JsonArray list when list.Count > 0:
                return list.Select(c => c?.ToString() ?? "").Select(f => (f, f)).ToList();
            case JsonObject map when map.Count > 0:
                return map.Select(p => (p.Key, p.Value?.ToString() ?? p.Key)).ToList();
            case null or JsonArray or JsonObject:
                var seen = new List<(string, string)>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var row in rows)
                {
                    if (row is not JsonObject o)
                    {
                        throw new WorkflowFaultException($"Input 'rows' of activity '{context.ActivityId}' contains {JsonValueConverter.Describe(row)}; every row must be an object such as {{\"name\": \"...\"}}.");
                    }

                    foreach (var (key, _) in o)
                    {
                        if (names.Add(key))
                        {
                            seen.Add((key, key));
                        }
                    }
                }

                return seen;
            default:
                throw new WorkflowFaultException($"Input 'columns' of activity '{context.ActivityId}' must be a list of field names or an object {{\"field\": \"Header text\"}}.");
        }
    }
}
