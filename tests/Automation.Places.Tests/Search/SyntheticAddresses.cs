using System.Globalization;
using Automation.Places.Model;

namespace Automation.Places.Tests.Search;

/// <summary>
/// A national-scale synthetic address set for the by-hand scale check: the real sample's road-name endings and
/// betegnelse shape, with generated road and town names, house numbers with letters and apartment floors/doors.
/// Deterministic for a given seed.
/// </summary>
internal static class SyntheticAddresses
{
    private static readonly string[] Syllables =
    [
        "ager", "bak", "birk", "bjerg", "bro", "by", "dal", "eng", "fjord", "gaard", "hav", "hjort", "holm", "hus",
        "kilde", "kirke", "klint", "kjær", "lund", "lyng", "mark", "mose", "mølle", "nør", "ro", "sand", "skov", "slot",
        "sol", "sten", "strand", "sø", "toft", "vang", "vester", "æble", "øster", "ås", "ege", "lille", "rosen", "fugle",
        "ravn", "lærke", "hede", "løkke", "rug", "hvede", "havre", "kløver", "linde", "ask", "bøg", "el", "pil",
    ];

    private static readonly string[] Endings =
    [
        "vej", "gade", "vænget", "parken", "allé", "stræde", "bakken", "haven", "stien", "toften", "engen", "højen",
    ];

    private static readonly string[] FirstNames =
    [
        "Hans", "Peter", "Anne", "Marie", "Niels", "Søren", "Christian", "Frederik", "Kirsten", "Jens", "Ole", "Karen",
        "Borgmester", "Doktor", "Gammel", "Nørre", "Søndre", "Vestre", "Østre", "Store", "Lille", "Sankt",
    ];

    private static readonly string[] Doors = ["tv", "th", "mf", "1", "2", "3"];

    public static List<AddressRecord> Generate(int addresses, int roads, int seed)
    {
        var random = new Random(seed);
        var towns = Enumerable.Range(0, 600)
            .Select(i => (PostCode: (1000 + (i * 15)).ToString(CultureInfo.InvariantCulture), Name: Capital(Name(random, 2)) + (i % 7 == 0 ? " " + Capital(Name(random, 1)) : "")))
            .ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var records = new List<AddressRecord>(addresses);
        var perRoad = Math.Max(1, addresses / roads);
        for (var r = 0; records.Count < addresses; r++)
        {
            string name;
            do
            {
                name = random.Next(5) == 0
                    ? $"{FirstNames[random.Next(FirstNames.Length)]} {Capital(Name(random, 1 + random.Next(2)))}s {Capital(Endings[random.Next(Endings.Length)])}"
                    : Capital(Name(random, 1 + random.Next(3)) + Endings[random.Next(Endings.Length)]);
            }
            while (!names.Add(name) && names.Count < roads * 4);

            var town = towns[random.Next(towns.Length)];
            var supplementary = random.Next(10) == 0 ? Capital(Name(random, 2)) : null;
            var flats = random.Next(4) == 0;
            var count = Math.Max(1, (perRoad + random.Next(-perRoad / 2, (perRoad / 2) + 1)) / (flats ? 4 : 1));
            var x = 450_000 + random.Next(280_000);
            var y = 6_050_000 + random.Next(350_000);
            for (var h = 1; h <= count && records.Count < addresses; h++)
            {
                var number = (h * 2) - 1 - (h % 2 == 0 ? 1 : 0);
                var houseNumber = number.ToString(CultureInfo.InvariantCulture) + (random.Next(15) == 0 ? "A" : "");
                var accessId = Guid.NewGuid();
                var point = new UtmPoint(x + (h * 9), y + (h * 3));
                var tail = (supplementary is null ? "" : supplementary + ", ") + town.PostCode + " " + town.Name;
                records.Add(new AddressRecord(accessId, accessId, "0101", r.ToString(CultureInfo.InvariantCulture), name, name, houseNumber, null, null, supplementary, town.PostCode, town.Name, point, null, $"{name} {houseNumber}, {tail}"));
                if (!flats)
                {
                    continue;
                }

                for (var floor = 0; floor < 3 && records.Count < addresses; floor++)
                {
                    var floorText = floor == 0 ? "st" : floor.ToString(CultureInfo.InvariantCulture);
                    var door = Doors[random.Next(2)];
                    records.Add(new AddressRecord(Guid.NewGuid(), accessId, "0101", r.ToString(CultureInfo.InvariantCulture), name, name, houseNumber, floorText, door, supplementary, town.PostCode, town.Name, point, null, $"{name} {houseNumber}, {floorText}. {door}, {tail}"));
                }
            }
        }

        return records;
    }

    private static string Name(Random random, int parts) =>
        string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[random.Next(Syllables.Length)]));

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
