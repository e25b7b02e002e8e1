namespace Automation.Robots.Desktop.Tests.Infrastructure;

/// <summary>One row of the legacy app's <c>registrations</c> table, as it was committed.</summary>
/// <param name="Id">Row id; the journal number is derived from it.</param>
/// <param name="ReferralId">Henvisnings-id (not unique: the app accepts duplicates).</param>
/// <param name="Cpr">CPR-nummer as typed (10 digits, optionally with a dash after the sixth).</param>
/// <param name="Name">Navn.</param>
/// <param name="Department">Afdeling, one of the combo box's texts.</param>
/// <param name="Priority">Prioritet: Akut, Haster or Normal.</param>
/// <param name="Received">Modtaget (typed as dd-mm-åååå, stored as yyyy-mm-dd).</param>
/// <param name="Note">Bemærkning (may be empty).</param>
/// <param name="Acute">The "Akut" check box.</param>
/// <param name="Interpreter">The "Tolk nødvendig" check box.</param>
/// <param name="JournalNo">Journalnummer, e.g. <c>J-000123</c>.</param>
/// <param name="SavedAt">When the row was committed (ISO 8601, UTC).</param>
public sealed record LegacyRegistration(
    long Id,
    string ReferralId,
    string Cpr,
    string Name,
    string Department,
    string Priority,
    DateOnly Received,
    string Note,
    bool Acute,
    bool Interpreter,
    string JournalNo,
    string SavedAt);
