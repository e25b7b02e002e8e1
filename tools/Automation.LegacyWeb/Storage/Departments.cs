namespace Automation.LegacyWeb.Storage;

/// <summary>The hospital departments both systems know: a short code (B's select values) and a display name (A's text, B's option text).</summary>
public static class Departments
{
    /// <summary>Code → display name, in the order B's select lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new("KARD", "Kardiologisk afdeling"),
        new("ORTO", "Ortopædkirurgisk afdeling"),
        new("NEUR", "Neurologisk afdeling"),
        new("GAST", "Medicinsk gastroenterologisk afdeling"),
        new("ONKO", "Onkologisk afdeling"),
        new("DERM", "Dermatologisk afdeling"),
        new("ONH", "Øre-næse-hals-afdeling"),
        new("PAED", "Børneafdeling"),
    ];

    /// <summary>The display name of <paramref name="code"/>, or the code itself when unknown.</summary>
    public static string NameOf(string code) =>
        All.FirstOrDefault(d => d.Key == code) is { Key: not null } found ? found.Value : code;

    /// <summary>Whether <paramref name="code"/> is a known department code.</summary>
    public static bool IsKnown(string code) => All.Any(d => d.Key == code);
}
