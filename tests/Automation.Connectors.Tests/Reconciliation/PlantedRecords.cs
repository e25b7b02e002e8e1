using System.Globalization;
using System.Text.Json.Nodes;

namespace Automation.Connectors.Tests.Reconciliation;

/// <summary>
/// Two generated record sets of the same people with known planted differences. B writes every value in its own
/// style (other field names, "+45 12 34 56 78" phones, dd-MM-yyyy dates, "2.th" floors), so every pair needs its
/// normalisers; some pairs differ only cosmetically (case, spaces, Danish letters, abbreviations, padded keys) and
/// must count as equal; the planted real differences must be found, each in its field.
/// </summary>
internal sealed class PlantedRecords
{
    private static readonly string[] FirstNames = ["Søren", "Åse", "Bjørn", "Mette", "Jens", "Kåre", "Ærtebølle"];
    private static readonly string[] LastNames = ["Sørensen", "Jørgensen", "Mølgård", "Kjærgaard", "Højgaard", "Nielsen"];
    private static readonly string[] Streets = ["Nørregade", "Kongevej", "Søndre Allé", "Vestergade", "Åvej"];

    public static readonly string[] FieldNamesA = ["name", "address", "phone", "born"];

    public PlantedRecords(int common, int onlyInA, int onlyInB, int differing, int cosmetic, int seed = 9)
    {
        var random = new Random(seed);
        var commonOrder = Enumerable.Range(0, common).OrderBy(_ => random.Next()).ToArray();
        var differingSet = commonOrder.Take(differing).ToHashSet();
        var cosmeticSet = commonOrder.Skip(differing).Take(cosmetic).ToHashSet();

        var b = new List<JsonObject>(common + onlyInB);
        for (var i = 0; i < common + onlyInA; i++)
        {
            var person = MakePerson(i);
            A.Add(person.ToA());
            if (i >= common)
            {
                OnlyInA.Add(person.Id);
                continue;
            }

            if (differingSet.Contains(i))
            {
                var field = i % FieldNamesA.Length;
                Differing[person.Id] = FieldNamesA[field];
                b.Add(person.Changed(field).ToB(cosmetic: false, i));
            }
            else
            {
                b.Add(person.ToB(cosmeticSet.Contains(i), i));
            }
        }

        for (var i = 0; i < onlyInB; i++)
        {
            var person = MakePerson(common + onlyInA + i);
            OnlyInB.Add(person.Id);
            b.Add(person.ToB(cosmetic: false, i));
        }

        // B lists its records in its own order, as a second system would.
        foreach (var record in b.OrderBy(_ => random.Next()))
        {
            B.Add(record);
        }
    }

    public JsonArray A { get; } = [];

    public JsonArray B { get; } = [];

    public List<string> OnlyInA { get; } = [];

    public List<string> OnlyInB { get; } = [];

    /// <summary>Key → A's name of the one field planted as different.</summary>
    public Dictionary<string, string> Differing { get; } = [];

    /// <summary>The mapping a workflow would give for these records.</summary>
    public static JsonArray Fields() =>
    [
        new JsonObject { ["a"] = "name", ["b"] = "navn", ["normalize"] = new JsonArray("trim", "whitespace", "case", "danish") },
        new JsonObject { ["a"] = "address", ["b"] = "adresse", ["normalize"] = new JsonArray("address", "danish") },
        new JsonObject { ["a"] = "phone", ["b"] = "telefon", ["normalize"] = new JsonArray("phone") },
        new JsonObject { ["a"] = "born", ["b"] = "foedt", ["normalize"] = new JsonArray("date") },
    ];

    private static Person MakePerson(int i) => new(
        $"P{i:D7}",
        $"{FirstNames[i % FirstNames.Length]} {LastNames[(i / 7) % LastNames.Length]}",
        Streets[i % Streets.Length],
        (i % 199) + 1,
        i % 4,
        i % 2 == 0 ? "th" : "tv",
        20_000_000 + ((i * 7919) % 70_000_000),
        new DateOnly(1930, 1, 1).AddDays(i % 30_000));

    private sealed record Person(string Id, string Name, string Street, int Number, int Floor, string Side, int Phone, DateOnly Born)
    {
        public JsonObject ToA() => new()
        {
            ["id"] = Id,
            ["name"] = Name,
            ["address"] = $"{Street} {Number}, {Floor}. {Side}.",
            ["phone"] = Phone.ToString(CultureInfo.InvariantCulture),
            ["born"] = Born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        public JsonObject ToB(bool cosmetic, int i)
        {
            var phone = Phone.ToString(CultureInfo.InvariantCulture);
            if (!cosmetic)
            {
                return new JsonObject
                {
                    ["nr"] = Id,
                    ["navn"] = Name,
                    ["adresse"] = $"{Street} {Number}, {Floor}.{Side}",
                    ["telefon"] = $"+45 {phone[..2]} {phone[2..4]} {phone[4..6]} {phone[6..]}",
                    ["foedt"] = Born.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
                };
            }

            // Only the spelling differs: each of these must count as equal after normalising.
            var folded = Name.Replace("ø", "oe", StringComparison.Ordinal).Replace("å", "aa", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal)
                .Replace("Å", "Aa", StringComparison.Ordinal).Replace("Æ", "Ae", StringComparison.Ordinal);
            var street = Street.Replace("gade", "g.", StringComparison.Ordinal).Replace("vej", "v.", StringComparison.Ordinal).Replace("Allé", "Alle", StringComparison.Ordinal);
            return new JsonObject
            {
                ["nr"] = $"  {Id} ",
                ["navn"] = $" {folded.ToUpperInvariant().Replace(" ", "   ", StringComparison.Ordinal)}",
                ["adresse"] = i % 2 == 0 ? $"{street.ToUpperInvariant()} {Number} {Floor}. {(Side == "th" ? "t.h." : "t.v.")}" : $"{street},{Number},{Floor}.{Side}",
                ["telefon"] = $"0045 {phone}",
                ["foedt"] = Born.ToString("d.M.yyyy", CultureInfo.InvariantCulture),
            };
        }

        /// <summary>The same person with one field really different.</summary>
        public Person Changed(int field) => field switch
        {
            0 => this with { Name = Name + "-Hansen" },
            1 => this with { Number = Number + 1000 },
            2 => this with { Phone = Phone + 1 },
            _ => this with { Born = Born.AddDays(1) },
        };
    }
}
