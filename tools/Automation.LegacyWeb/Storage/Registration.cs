namespace Automation.LegacyWeb.Storage;

/// <summary>A registration saved in system B through its form.</summary>
/// <param name="RecordNumber">Journal number shown on the receipt, for example <c>J-000007</c>.</param>
/// <param name="ReferralId">The referral id typed into the form; B does not enforce uniqueness, so double entry shows up as two rows.</param>
/// <param name="Cpr">CPR number as <c>ddmmyy-xxxx</c>.</param>
/// <param name="Department">Department code chosen in the select, see <see cref="Departments"/>.</param>
/// <param name="Note">The free-text note ("Bemærkning"), empty when none.</param>
/// <param name="RegisteredBy">The logged-in user who saved it.</param>
/// <param name="FirstName">Fornavn.</param>
/// <param name="LastName">Efternavn.</param>
/// <param name="Address">Street and number.</param>
/// <param name="PostalCode">Four-digit postal code.</param>
/// <param name="City">Town.</param>
/// <param name="ReferralDate">Henvisningsdato as typed (dd-mm-åååå).</param>
/// <param name="Urgent">The "Akut" checkbox.</param>
/// <param name="RegisteredAt">When B saved it.</param>
public sealed record Registration(
    string RecordNumber,
    string ReferralId,
    string Cpr,
    string FirstName,
    string LastName,
    string Address,
    string PostalCode,
    string City,
    string Department,
    DateOnly ReferralDate,
    bool Urgent,
    string Note,
    DateTimeOffset RegisteredAt,
    string RegisteredBy);
