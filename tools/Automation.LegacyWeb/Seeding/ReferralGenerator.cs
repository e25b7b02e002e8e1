using System.Globalization;
using Automation.LegacyWeb.Storage;

namespace Automation.LegacyWeb.Seeding;

/// <summary>Makes realistic Danish referrals: names, CPR numbers with valid birth dates (last digit odd for men), addresses, departments, dates.</summary>
internal static class ReferralGenerator
{
    private static readonly string[] MaleNames = ["Jens", "Peter", "Lars", "Søren", "Niels", "Henrik", "Mikkel", "Rasmus", "Anders", "Jørgen", "Frederik", "Mads", "Christian", "Ole", "Bjørn"];
    private static readonly string[] FemaleNames = ["Anne", "Kirsten", "Hanne", "Mette", "Sofie", "Ida", "Freja", "Camilla", "Lene", "Birgitte", "Maja", "Signe", "Karen", "Ærø-Marie", "Louise"];
    private static readonly string[] LastNames = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Møller", "Mortensen", "Østergaard", "Kjær"];
    private static readonly string[] Streets = ["Vestergade", "Østergade", "Nørregade", "Søndergade", "Algade", "Bredgade", "Kirkevej", "Skolevej", "Møllevej", "Strandvejen", "Åboulevarden", "H.C. Andersens Vej", "Ågade"];
    private static readonly (string PostalCode, string City)[] Cities =
    [
        ("8000", "Aarhus C"), ("5000", "Odense C"), ("9000", "Aalborg"), ("1050", "København K"), ("2100", "København Ø"),
        ("7100", "Vejle"), ("6700", "Esbjerg"), ("8800", "Viborg"), ("4000", "Roskilde"), ("3000", "Helsingør"), ("7400", "Herning"), ("8700", "Horsens"),
    ];

    private static readonly string[] Reasons =
    [
        "Brystsmerter ved anstrengelse gennem 3 uger.",
        "Knæsmerter efter fald, mistanke om menisklæsion.",
        "Tiltagende hovedpine og svimmelhed.",
        "Vedvarende mavesmerter og vægttab.",
        "Kontrol efter operation.",
        "Mistanke om modermærkekræft på ryggen.",
        "Nedsat hørelse på venstre øre.",
        "Feber og udslæt hos barn, 4 dage.",
        "Hjertebanken og åndenød; EKG vedlagt.",
        "Rygsmerter med udstråling til højre ben.",
    ];

    /// <summary>Makes <paramref name="count"/> referrals numbered from <paramref name="firstNumber"/>; the same seed gives the same referrals.</summary>
    public static IReadOnlyList<Referral> Generate(int count, int firstNumber, int seed, DateTimeOffset now)
    {
        var random = new Random(seed);
        var referrals = new List<Referral>(count);
        for (var i = 0; i < count; i++)
        {
            var male = random.Next(2) == 0;
            var birth = new DateOnly(1930, 1, 1).AddDays(random.Next(0, 365 * 90));
            var lastDigit = (random.Next(5) * 2) + (male ? 1 : 0);
            var cpr = string.Create(CultureInfo.InvariantCulture, $"{birth:ddMMyy}-{random.Next(100, 1000)}{lastDigit}");
            var (postalCode, city) = Cities[random.Next(Cities.Length)];
            var received = now.AddMinutes(-random.Next(10, 60 * 24 * 14));
            referrals.Add(new Referral(
                Id: string.Create(CultureInfo.InvariantCulture, $"HEN-{firstNumber + i:000000}"),
                Cpr: cpr,
                FirstName: male ? MaleNames[random.Next(MaleNames.Length)] : FemaleNames[random.Next(FemaleNames.Length)],
                LastName: LastNames[random.Next(LastNames.Length)],
                Address: string.Create(CultureInfo.InvariantCulture, $"{Streets[random.Next(Streets.Length)]} {random.Next(1, 120)}"),
                PostalCode: postalCode,
                City: city,
                Department: Departments.All[random.Next(Departments.All.Count)].Key,
                ReferralDate: DateOnly.FromDateTime(received.UtcDateTime).AddDays(-random.Next(0, 10)),
                ReceivedAt: new DateTimeOffset(received.Year, received.Month, received.Day, received.Hour, received.Minute, 0, TimeSpan.Zero),
                Urgent: random.Next(5) == 0,
                Reason: Reasons[random.Next(Reasons.Length)]));
        }

        return referrals;
    }
}
