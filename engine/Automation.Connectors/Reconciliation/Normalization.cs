using Automation.Engine.Runtime;

namespace Automation.Connectors.Reconciliation;

/// <summary>
/// How a value is made comparable before two systems' values are compared. Steps always run in the order of this
/// enum (trim, whitespace, case, Danish letters, address, phone, date), whatever order a workflow lists them in.
/// </summary>
[Flags]
public enum Normalization
{
    None = 0,

    /// <summary>Leading and trailing white space removed.</summary>
    Trim = 1,

    /// <summary>Runs of white space inside the value become one space.</summary>
    Whitespace = 2,

    /// <summary>Invariant lower case.</summary>
    Case = 4,

    /// <summary>æ→ae, ø→oe, å→aa, é→e (and ä→ae, ö→oe), so "Aabenraa" equals "Åbenrå".</summary>
    Danish = 8,

    /// <summary>
    /// Danish address spellings, deliberately simple until the place registry can match addresses properly: lower
    /// case; é→e (allé = alle); commas and semicolons are spaces; a word ending in "v." or "g." is spelled out
    /// ("Kongev." = "Kongevej", "Nørreg." = "Nørregade", a lone "v."/"g." = "vej"/"gade"); floors lose their dot and
    /// "sal" ("2. sal" = "2." = "2"); "t.h."/"th." = "th", "t.v."/"tv." = "tv", "m.f." = "mf", "st."/"st.tv" = "st"/"st tv";
    /// a house-number letter joins its number ("5 A" = "5A"); other trailing dots are dropped; single spaces.
    /// </summary>
    Address = 16,

    /// <summary>Digits only; a leading +45 or 0045 is dropped from an 8-digit Danish number.</summary>
    Phone = 32,

    /// <summary>dd-MM-yyyy, dd.MM.yyyy, d/M/yyyy and yyyy-MM-dd (optionally with a time) become yyyy-MM-dd; other text is left as it is.</summary>
    Date = 64,
}

/// <summary>Reads normaliser names as workflows write them.</summary>
public static class NormalizationNames
{
    private static readonly Dictionary<string, Normalization> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trim"] = Normalization.Trim,
        ["whitespace"] = Normalization.Whitespace,
        ["case"] = Normalization.Case,
        ["danish"] = Normalization.Danish,
        ["address"] = Normalization.Address,
        ["phone"] = Normalization.Phone,
        ["date"] = Normalization.Date,
    };

    /// <summary>The names a workflow may use, in the order the steps run.</summary>
    public static IReadOnlyList<string> All { get; } = ["trim", "whitespace", "case", "danish", "address", "phone", "date"];

    /// <summary>Combines the named steps; an unknown name is a fault that lists the known ones.</summary>
    public static Normalization Parse(IEnumerable<string> names, string where)
    {
        var result = Normalization.None;
        foreach (var name in names)
        {
            if (!ByName.TryGetValue(name.Trim(), out var step))
            {
                throw new WorkflowFaultException($"{where} names the normaliser '{name}', which does not exist; use any of {string.Join(", ", All)}.");
            }

            result |= step;
        }

        return result;
    }
}
