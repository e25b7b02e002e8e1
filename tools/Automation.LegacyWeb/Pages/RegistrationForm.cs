using System.Globalization;
using System.Text.RegularExpressions;
using Automation.LegacyWeb.Storage;

namespace Automation.LegacyWeb.Pages;

/// <summary>B's registration form: posted values, validation (messages per field, in Danish) and the draft it makes.</summary>
internal sealed partial class RegistrationForm
{
    public const string Required = "Skal udfyldes.";

    public string ReferralId { get; init; } = string.Empty;
    public string Cpr { get; init; } = string.Empty;
    public string FirstName { get; init; } = string.Empty;
    public string LastName { get; init; } = string.Empty;
    public string Address { get; init; } = string.Empty;
    public string PostalCode { get; init; } = string.Empty;
    public string City { get; init; } = string.Empty;
    public string ReferralDate { get; init; } = string.Empty;
    public string Department { get; init; } = string.Empty;
    public bool Urgent { get; init; }
    public string Note { get; init; } = string.Empty;

    /// <summary>Field name → message; empty when the form can be saved.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public static RegistrationForm From(IFormCollection form) => new()
    {
        ReferralId = form["henvisningsid"].ToString().Trim(),
        Cpr = form["cpr"].ToString().Trim(),
        FirstName = form["fornavn"].ToString().Trim(),
        LastName = form["efternavn"].ToString().Trim(),
        Address = form["adresse"].ToString().Trim(),
        PostalCode = form["postnr"].ToString().Trim(),
        City = form["by"].ToString().Trim(),
        ReferralDate = form["henvisningsdato"].ToString().Trim(),
        Department = form["afdeling"].ToString().Trim(),
        Urgent = form["akut"] == "ja",
        Note = form["bemaerkning"].ToString().Trim(),
    };

    public bool Validate()
    {
        Errors.Clear();
        RequireText("henvisningsid", ReferralId);
        if (RequireText("cpr", Cpr))
        {
            if (!CprPattern().IsMatch(Cpr))
            {
                Errors["cpr"] = "CPR-nummer skal have formatet ddmmåå-xxxx.";
            }
            else if (!DateOnly.TryParseExact(Cpr[..6], "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Errors["cpr"] = "CPR-nummer indeholder ikke en gyldig dato.";
            }
        }

        RequireText("fornavn", FirstName);
        RequireText("efternavn", LastName);
        RequireText("adresse", Address);
        if (RequireText("postnr", PostalCode) && !PostalCodePattern().IsMatch(PostalCode))
        {
            Errors["postnr"] = "Postnummer skal være 4 cifre.";
        }

        RequireText("by", City);
        if (RequireText("henvisningsdato", ReferralDate) && !TryDate(ReferralDate, out _))
        {
            Errors["henvisningsdato"] = "Dato skal have formatet dd-mm-åååå.";
        }

        if (string.IsNullOrEmpty(Department))
        {
            Errors["afdeling"] = "Vælg en afdeling.";
        }
        else if (!Departments.IsKnown(Department))
        {
            Errors["afdeling"] = "Ukendt afdeling.";
        }

        if (Note.Length > 500)
        {
            Errors["bemaerkning"] = "Bemærkning må højst være 500 tegn.";
        }

        return Errors.Count == 0;
    }

    public Registration ToDraft(string user, DateTimeOffset now)
    {
        TryDate(ReferralDate, out var date);
        return new Registration(string.Empty, ReferralId, Cpr, FirstName, LastName, Address, PostalCode, City, Department, date, Urgent, Note, now, user);
    }

    private static bool TryDate(string text, out DateOnly date)
    {
        date = default;
        return DatePattern().IsMatch(text) && DateOnly.TryParseExact(text, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private bool RequireText(string field, string value)
    {
        if (value.Length > 0)
        {
            return true;
        }

        Errors[field] = Required;
        return false;
    }

    [GeneratedRegex(@"^\d{6}-\d{4}$")]
    private static partial Regex CprPattern();

    [GeneratedRegex(@"^\d{2}-\d{2}-\d{4}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex PostalCodePattern();
}
