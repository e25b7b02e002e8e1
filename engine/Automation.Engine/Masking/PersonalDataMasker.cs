using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Automation.Engine.Masking;

/// <summary>
/// Masks personal data before a value reaches the journal or a log: whole values marked personal,
/// and anything that looks like a CPR number (ddmmyy-xxxx, with or without the dash, with a valid date).
/// </summary>
public static partial class PersonalDataMasker
{
    /// <summary>What a masked value is replaced with.</summary>
    public const string Masked = "***";

    /// <summary>What a CPR number inside text is replaced with.</summary>
    public const string MaskedCpr = "******-****";

    /// <summary>A copy of <paramref name="value"/> with personal data masked. Always a new node.</summary>
    public static JsonNode? Mask(JsonNode? value, bool personal) => value switch
    {
        null => null,
        _ when personal => JsonValue.Create(Masked),
        JsonValue v when v.TryGetValue<string>(out var text) => JsonValue.Create(MaskText(text)),
        JsonValue v => v.DeepClone(),
        JsonObject o => MaskObject(o),
        JsonArray a => new JsonArray(a.Select(item => Mask(item, false)).ToArray()),
        _ => value.DeepClone(),
    };

    /// <summary>Replaces CPR numbers in free text.</summary>
    public static string MaskText(string text)
    {
        if (text.Length < 10 || !ContainsDigitRun(text))
        {
            return text;
        }

        return CprPattern().Replace(text, m => IsPlausibleCpr(m.Groups["d"].Value, m.Groups["m"].Value, m.Groups["y"].Value) && !IsInContentHash(text, m.Index) ? MaskedCpr : m.Value);
    }

    // A content hash (evidence:sha256:{64 hex digits}) may hold ten digits in a row; it is no personal data, and masked it no longer finds its file.
    private static bool IsInContentHash(string text, int index)
    {
        var start = index;
        while (start > 0 && char.IsAsciiHexDigitLower(text[start - 1]))
        {
            start--;
        }

        var end = index;
        while (end < text.Length && char.IsAsciiHexDigitLower(text[end]))
        {
            end++;
        }

        return end - start == 64 && start >= 7 && text.AsSpan(start - 7, 7).SequenceEqual("sha256:");
    }

    [GeneratedRegex(@"(?<![0-9])(?<d>[0-3][0-9])(?<m>[01][0-9])(?<y>[0-9]{2})[- ]?(?<s>[0-9]{4})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CprPattern();

    private static JsonObject MaskObject(JsonObject source)
    {
        var copy = new JsonObject();
        foreach (var (key, item) in source)
        {
            copy[key] = Mask(item, false);
        }

        return copy;
    }

    private static bool ContainsDigitRun(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run >= 6)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPlausibleCpr(string day, string month, string year)
    {
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        var m = int.Parse(month, CultureInfo.InvariantCulture);
        var y = int.Parse(year, CultureInfo.InvariantCulture);

        // The century is unknown from six digits; a year divisible by 4 is taken as a leap year (2000 was one).
        // No modulus-11 check: CPR numbers issued since 2007 need not satisfy it, and missing one is worse than masking a lookalike.
        return m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y % 4 == 0 ? 2000 : 2001, m);
    }
}
