namespace Automation.LegacyWeb.Storage;

/// <summary>A referral as system A holds it.</summary>
/// <param name="Id">Referral id, for example <c>HEN-000042</c>; the business key of a transfer.</param>
/// <param name="Cpr">CPR number as <c>ddmmyy-xxxx</c>.</param>
/// <param name="Department">Department code, see <see cref="Departments"/>.</param>
/// <param name="ReferralDate">The date the doctor wrote the referral.</param>
/// <param name="ReceivedAt">When system A received it.</param>
/// <param name="Urgent">Marked "Akut".</param>
/// <param name="Reason">Free text: why the patient is referred.</param>
/// <param name="FirstName">Fornavn.</param>
/// <param name="LastName">Efternavn.</param>
/// <param name="Address">Street and number.</param>
/// <param name="PostalCode">Four-digit postal code.</param>
/// <param name="City">Town.</param>
public sealed record Referral(
    string Id,
    string Cpr,
    string FirstName,
    string LastName,
    string Address,
    string PostalCode,
    string City,
    string Department,
    DateOnly ReferralDate,
    DateTimeOffset ReceivedAt,
    bool Urgent,
    string Reason)
{
    /// <summary>"Fornavn Efternavn".</summary>
    public string FullName => $"{FirstName} {LastName}";
}
