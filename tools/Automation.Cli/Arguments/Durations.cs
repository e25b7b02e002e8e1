using System.Globalization;
using Automation.Cli.Hosting;

namespace Automation.Cli.Arguments;

/// <summary>Parses durations as people type them on a command line: <c>30s</c>, <c>500ms</c>, <c>5m</c>, <c>1h</c>, <c>00:01:30</c> or ISO 8601 <c>PT30S</c>.</summary>
internal static class Durations
{
    private static readonly (string Suffix, Func<double, TimeSpan> Make)[] Units =
    [
        ("ms", TimeSpan.FromMilliseconds),
        ("s", TimeSpan.FromSeconds),
        ("m", TimeSpan.FromMinutes),
        ("h", TimeSpan.FromHours),
    ];

    /// <exception cref="CliException">The text is not a duration, or is negative.</exception>
    public static TimeSpan Parse(string text, string option)
    {
        var trimmed = text.Trim();
        if (TryParse(trimmed, out var span))
        {
            return span >= TimeSpan.Zero
                ? span
                : throw new CliException($"{option} {text}: a duration cannot be negative.");
        }

        throw new CliException($"{option} '{text}' is not a duration; write for example 30s, 500ms, 5m, 1h or 00:01:30.");
    }

    private static bool TryParse(string text, out TimeSpan span)
    {
        foreach (var (suffix, make) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                span = make(amount);
                return true;
            }
        }

        // A bare number is refused on purpose: "30" would be 30 days to TimeSpan.Parse.
        if (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out span))
        {
            return true;
        }

        if (text.StartsWith('P') || text.StartsWith('-'))
        {
            try
            {
                span = System.Xml.XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (FormatException)
            {
            }
        }

        span = default;
        return false;
    }
}
