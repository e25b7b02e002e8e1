using Automation.Engine.Runtime;

namespace Automation.Connectors.Csv;

/// <summary>Field separators a flow may name, and detection from a header line.</summary>
internal static class CsvDelimiters
{
    public const string Auto = "auto";

    public static readonly string[] Names = [Auto, ";", ",", "tab"];

    /// <summary>The separator named by the input, or null for auto-detection.</summary>
    public static char? Parse(string? value, string activityId, bool allowAuto)
    {
        var text = value ?? Auto;
        switch (text)
        {
            case ";":
            case ",":
            case "|":
                return text[0];
            case "\t":
            case "tab":
            case "\\t":
                return '\t';
            case Auto when allowAuto:
                return null;
            default:
                var choices = allowAuto ? "auto, ';', ',', '|' or tab" : "';', ',', '|' or tab";
                throw new WorkflowFaultException($"Input 'delimiter' of activity '{activityId}' is '{text}'; use {choices}.");
        }
    }

    /// <summary>
    /// The separator of a header line: whichever of ';', ',' and tab occurs most often outside quotes. Ties go to ';',
    /// the separator of Danish Excel exports, where ',' is the decimal separator; a tab, which header text hardly
    /// ever contains, wins its ties.
    /// </summary>
    public static char Detect(string headerLine)
    {
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                switch (c)
                {
                    case ';':
                        semicolons++;
                        break;
                    case ',':
                        commas++;
                        break;
                    case '\t':
                        tabs++;
                        break;
                }
            }
        }

        if (tabs > 0 && tabs >= semicolons && tabs >= commas)
        {
            return '\t';
        }

        return commas > semicolons ? ',' : ';';
    }
}
