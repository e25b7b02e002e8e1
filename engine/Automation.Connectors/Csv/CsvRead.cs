using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Masking;
using Automation.Engine.Runtime;
using CsvHelper;

namespace Automation.Connectors.Csv;

/// <summary>
/// Reads a CSV file into a list of objects: columns mapped by header text to field names, converted to the declared
/// types. Each row that cannot be read (wrong number of fields, a value that does not convert, broken quoting) is a
/// bad row with its line number and reason; by default they fault the activity, with <c>onBadRow: skip</c> the good
/// rows continue and the bad ones are reported beside them.
/// </summary>
[Activity("CsvRead", "Files", "Read CSV", Description = "Reads a CSV file into rows of objects; reports each bad row with its line and reason.")]
public sealed class CsvRead : IActivity
{
    public const string Fail = "fail";
    public const string Skip = "skip";

    /// <summary>How many bad rows a fault message lists before it says "and N more".</summary>
    private const int BadRowsInMessage = 10;

    public static readonly Input<string> Path = new("path", "File", DataType.String)
    {
        Required = true,
        Description = "Full path of the CSV file, for example input.file of a file-drop trigger.",
    };

    public static readonly Input<string> Delimiter = new("delimiter", "Delimiter", DataType.String)
    {
        Default = CsvDelimiters.Auto,
        Editor = InputEditor.Dropdown,
        Options = CsvDelimiters.Names,
        Description = "auto looks at the header line and picks ';', ',' or tab (Danish exports usually use ';').",
    };

    public static readonly Input<string> Encoding = new("encoding", "Encoding", DataType.String)
    {
        Default = CsvEncodings.Utf8,
        Editor = InputEditor.Dropdown,
        Options = CsvEncodings.ReadNames,
        Description = "Text encoding; a byte order mark at the start of the file takes precedence. Older Danish systems write windows-1252.",
    };

    public static readonly Input<bool> HasHeader = new("hasHeader", "First line is a header", DataType.Boolean) { Default = true, Editor = InputEditor.Boolean };

    public static readonly Input<JsonObject> Columns = new("columns", "Columns", DataType.Object)
    {
        Editor = InputEditor.Json,
        Description = "Header mapping {\"field\": \"Header text\"} (or a 1-based column number without a header); only mapped columns are read. Empty: every column, named by its header.",
    };

    public static readonly Input<JsonObject> Types = new("types", "Types", DataType.Object)
    {
        Editor = InputEditor.Json,
        Description = "{\"field\": \"string|integer|number|boolean|date\"}; date:dd-MM-yyyy gives a field its own format. Unlisted fields are text.",
    };

    public static readonly Input<JsonArray> DateFormats = new("dateFormats", "Date formats", DataType.Array)
    {
        Default = ["dd-MM-yyyy", "yyyy-MM-dd", "dd.MM.yyyy", "dd/MM/yyyy"],
        Editor = InputEditor.StringList,
        Description = "Formats tried in order for date fields; dates come out as yyyy-MM-dd.",
    };

    public static readonly Input<string> DecimalSeparator = new("decimalSeparator", "Decimal separator", DataType.String)
    {
        Editor = InputEditor.Dropdown,
        Options = [",", "."],
        Description = "For number fields; ',' (with '.' for thousands) when the file uses ';', else '.'.",
    };

    public static readonly Input<string> OnBadRow = new("onBadRow", "On a bad row", DataType.String)
    {
        Default = Fail,
        Editor = InputEditor.Dropdown,
        Options = [Fail, Skip],
        Description = "fail: fault listing the bad rows, nothing is returned. skip: return the good rows and report the bad ones in badRows.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store result in", DataType.String)
    {
        Required = true,
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = "Receives {rows, badRows: [{line, reason, raw}], rowCount}.",
    };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var path = context.Get(Path);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new WorkflowFaultException($"Input 'path' of activity '{context.ActivityId}' is empty; give the full path of the CSV file.");
        }

        var onBadRow = (context.Get(OnBadRow) ?? Fail).Trim().ToLowerInvariant();
        if (onBadRow is not (Fail or Skip))
        {
            throw new WorkflowFaultException($"Input 'onBadRow' of activity '{context.ActivityId}' is '{onBadRow}'; use fail or skip.");
        }

        var settings = new CsvReadSettings
        {
            Path = path,
            Separator = CsvDelimiters.Parse(context.Get(Delimiter), context.ActivityId, allowAuto: true),
            Encoding = CsvEncodings.Resolve(context.Get(Encoding), context.ActivityId, CsvEncodings.ReadNames),
            HasHeader = context.Get(HasHeader),
            Columns = context.Get(Columns),
            Types = context.Get(Types),
            DateFormats = (context.Get(DateFormats) ?? []).Select(f => f?.ToString() ?? "").Where(f => f.Length > 0).ToArray(),
            DecimalSeparator = context.Get(DecimalSeparator) is { Length: > 0 } separator ? separator : null,
            ActivityId = context.ActivityId,
        };

        if (settings.DecimalSeparator is { } given && given is not ("," or "."))
        {
            throw new WorkflowFaultException($"Input 'decimalSeparator' of activity '{context.ActivityId}' is '{given}'; use ',' or '.', or leave it empty.");
        }

        CsvReadResult result;
        try
        {
            result = await Task.Run(() => CsvFileReader.Read(settings, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' cannot read '{path}': {ex.Message}", ex);
        }

        var badRows = result.BadRows;
        if (badRows.Count > 0 && onBadRow == Fail)
        {
            throw new WorkflowFaultException(DescribeBadRows(path, badRows) + " Fix the file, or set onBadRow to skip to continue with the good rows.");
        }

        var output = new JsonObject
        {
            ["rows"] = result.Rows,
            ["badRows"] = new JsonArray(badRows.Select(b => (JsonNode)b.ToJson()).ToArray()),
            ["rowCount"] = result.RowCount,
        };
        context.Log($"Read {result.RowCount} rows from {path} (delimiter '{Show(result.Separator)}'{(badRows.Count > 0 ? $", {badRows.Count} bad rows skipped" : "")})");
        if (badRows.Count > 0)
        {
            context.Log(DescribeBadRows(path, badRows));
        }

        context.SetVariable(context.Get(ResultVariable)!, output);
        return ActivityResult.Done;
    }

    private static string DescribeBadRows(string path, IReadOnlyList<CsvBadRow> badRows)
    {
        var text = new StringBuilder();
        text.Append(badRows.Count == 1 ? $"{path} has 1 bad row: " : $"{path} has {badRows.Count} bad rows: ");
        text.AppendJoin("; ", badRows.Take(BadRowsInMessage).Select(b => $"line {b.Line}: {b.Reason}"));
        if (badRows.Count > BadRowsInMessage)
        {
            text.Append(CultureInfo.InvariantCulture, $"; and {badRows.Count - BadRowsInMessage} more");
        }

        text.Append('.');
        return PersonalDataMasker.MaskText(text.ToString());
    }

    private static string Show(char separator) => separator == '\t' ? "tab" : separator.ToString();
}

/// <summary>A row that could not be read: its line in the file, why, and its text with CPR numbers masked.</summary>
internal sealed record CsvBadRow(long Line, string Reason, string? Raw)
{
    public JsonObject ToJson() => new()
    {
        ["line"] = Line,
        ["reason"] = PersonalDataMasker.MaskText(Reason),
        ["raw"] = Raw is null ? null : PersonalDataMasker.MaskText(Raw),
    };
}
