using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Csv;

/// <summary>How one mapped field's text becomes a value: its type and, for dates, the formats tried in order.</summary>
internal sealed class CsvFieldType
{
    public const string String = "string";
    public const string Integer = "integer";
    public const string Number = "number";
    public const string Boolean = "boolean";
    public const string Date = "date";

    private static readonly string[] TrueWords = ["true", "1", "yes", "ja", "j", "y", "x"];
    private static readonly string[] FalseWords = ["false", "0", "no", "nej", "n", ""];

    private readonly string _kind;
    private readonly string[] _dateFormats;
    private readonly char _decimalSeparator;

    private CsvFieldType(string kind, string[] dateFormats, char decimalSeparator)
    {
        _kind = kind;
        _dateFormats = dateFormats;
        _decimalSeparator = decimalSeparator;
    }

    public static CsvFieldType Text { get; } = new(String, [], '.');

    /// <summary>Text as it is: no conversion, so the reader can copy the field's bytes straight through.</summary>
    public bool IsText => _kind == String;

    /// <summary>
    /// Reads a type declaration: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>date</c> (with the
    /// activity's date formats) or <c>date:dd-MM-yyyy</c> (with its own format).
    /// </summary>
    public static CsvFieldType Parse(string field, string? declaration, string[] dateFormats, char decimalSeparator, string activityId)
    {
        var text = (declaration ?? String).Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? text : text[..colon]).ToLowerInvariant();
        if (kind == Date && colon >= 0)
        {
            dateFormats = [text[(colon + 1)..].Trim()];
        }

        if (kind is not (String or Integer or Number or Boolean or Date) || (colon >= 0 && kind != Date))
        {
            throw new WorkflowFaultException(
                $"Input 'types' of activity '{activityId}' gives field '{field}' the type '{declaration}'; use string, integer, number, boolean, date or date:<format> such as date:dd-MM-yyyy.");
        }

        return new CsvFieldType(kind, dateFormats, decimalSeparator);
    }

    /// <summary>Converts <paramref name="text"/>; an empty field is null for every type but string.</summary>
    public bool TryConvert(string text, out JsonNode? value, out string error)
    {
        error = "";
        value = null;
        if (_kind == String)
        {
            value = text;
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        switch (_kind)
        {
            case Integer when long.TryParse(WithoutGrouping(trimmed), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                value = whole;
                return true;
            case Number when decimal.TryParse(Normalised(trimmed), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number):
                value = number;
                return true;
            case Boolean when TrueWords.Contains(trimmed.ToLowerInvariant(), StringComparer.Ordinal):
                value = true;
                return true;
            case Boolean when FalseWords.Contains(trimmed.ToLowerInvariant(), StringComparer.Ordinal):
                value = false;
                return true;
            case Date when DateOnly.TryParseExact(trimmed, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            default:
                error = _kind switch
                {
                    Integer => "is not a whole number",
                    Number => $"is not a number (decimal separator '{_decimalSeparator}')",
                    Boolean => "is not a yes/no value (true/false, ja/nej, 1/0)",
                    _ => $"is not a date in the format {string.Join(" or ", _dateFormats)}",
                };
                return false;
        }
    }

    /// <summary>Danish numbers use ',' for decimals and '.' for thousands; the text becomes invariant.</summary>
    private string Normalised(string text) =>
        _decimalSeparator == ',' ? text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : text;

    private string WithoutGrouping(string text) =>
        _decimalSeparator == ',' ? text.Replace(".", "", StringComparison.Ordinal) : text;
}
