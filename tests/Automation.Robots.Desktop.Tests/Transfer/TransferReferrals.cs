using System.Globalization;
using Automation.LegacyWeb.Storage;

namespace Automation.Robots.Desktop.Tests.Transfer;

/// <summary>
/// Referrals for system A whose departments PAS Desktop has, with Danish letters in names and reasons, and what PAS
/// Desktop must hold for each once the shipped workflow registered it.
/// </summary>
internal static class TransferReferrals
{
    /// <summary>A's department code → PAS Desktop's department, as the shipped workflow maps them.</summary>
    public static IReadOnlyDictionary<string, string> Departments { get; } = new Dictionary<string, string>
    {
        ["KARD"] = "Kardiologi",
        ["ORTO"] = "Ortopædkirurgi",
        ["NEUR"] = "Neurologi",
        ["ONKO"] = "Onkologi",
        ["GAST"] = "Medicin",
    };

    private static readonly string[] FirstNames = ["Jens", "Ærø-Marie", "Søren", "Kirsten", "Bjørn", "Åse"];
    private static readonly string[] LastNames = ["Østergaard", "Jensen", "Kjær", "Møller", "Sørensen"];
    private static readonly string[] Reasons = ["Brystsmerter ved anstrengelse.", "Knæsmerter efter fald.", "Tiltagende hovedpine og svimmelhed.", "Kontrol efter operation."];

    /// <summary><paramref name="count"/> referrals HEN-000001… that PAS Desktop can take.</summary>
    public static IReadOnlyList<Referral> Create(int count, int first = 1)
    {
        var codes = Departments.Keys.ToArray();
        return Enumerable.Range(first, count).Select(n => Referral(n, codes[n % codes.Length])).ToList();
    }

    public static Referral Referral(int n, string departmentCode)
    {
        var birth = new DateOnly(1940, 1, 1).AddDays(n * 397 % 25000);
        var received = new DateTimeOffset(2025, 1 + (n % 12), 1 + (n % 27), 8 + (n % 9), n % 60, 0, TimeSpan.Zero);
        return new Referral(
            Id: string.Create(CultureInfo.InvariantCulture, $"HEN-{n:000000}"),
            Cpr: string.Create(CultureInfo.InvariantCulture, $"{birth:ddMMyy}-{1000 + (n * 37 % 9000):0000}"),
            FirstName: FirstNames[n % FirstNames.Length],
            LastName: LastNames[n % LastNames.Length],
            Address: string.Create(CultureInfo.InvariantCulture, $"Vestergade {n}"),
            PostalCode: "8000",
            City: "Aarhus C",
            Department: departmentCode,
            ReferralDate: DateOnly.FromDateTime(received.UtcDateTime).AddDays(-2),
            ReceivedAt: received,
            Urgent: n % 4 == 0,
            Reason: Reasons[n % Reasons.Length]);
    }
}
