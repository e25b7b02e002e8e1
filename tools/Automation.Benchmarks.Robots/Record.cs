using System.Globalization;
using Automation.LegacyWeb.Storage;

namespace Automation.Benchmarks.Robots;

/// <summary>One referral from A as the values typed into B's registration form.</summary>
internal sealed record Record(string ReferralId, string Cpr, string FirstName, string LastName, string Address, string PostalCode, string City, string DepartmentCode, string DepartmentName, string ReferralDate, bool Urgent)
{
    public static Record From(Referral r) => new(
        r.Id, r.Cpr, r.FirstName, r.LastName, r.Address, r.PostalCode, r.City, r.Department, Departments.NameOf(r.Department),
        r.ReferralDate.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), r.Urgent);
}
