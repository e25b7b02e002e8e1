using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Automation.Benchmarks.Connectors;

/// <summary>
/// Two generated systems' records of the same people: 1 % only in A, 0.8 % only in B, 1.5 % of the shared ones
/// differing in one field. Values are otherwise written alike, so a plain SQL equality finds the same as our
/// normalising comparison and the two results can be checked against each other.
/// </summary>
internal sealed class BenchData
{
    public static readonly string[] HeaderA = ["id", "name", "address", "phone", "born"];
    public static readonly string[] HeaderB = ["nr", "navn", "adresse", "telefon", "foedt"];

    private static readonly string[] FirstNames = ["Søren", "Åse", "Bjørn", "Mette", "Jens", "Kåre", "Ærtebølle"];
    private static readonly string[] LastNames = ["Sørensen", "Jørgensen", "Mølgård", "Kjærgaard", "Højgaard", "Nielsen"];
    private static readonly string[] Streets = ["Nørregade", "Kongevej", "Søndre Allé", "Vestergade", "Åvej"];

    public BenchData(int records)
    {
        OnlyInA = records / 100;
        OnlyInB = records * 8 / 1000;
        var common = records - OnlyInA;
        Differing = common * 15 / 1000;
        var random = new Random(9);
        A = new string[records][];
        var b = new List<string[]>(common + OnlyInB);
        for (var i = 0; i < records; i++)
        {
            A[i] = Person(i);
            if (i < common)
            {
                var copy = (string[])A[i].Clone();
                // Every 66th shared person differs in one field: 1.5 %.
                if (i % 66 == 0 && i / 66 < Differing)
                {
                    var field = 1 + ((i / 66) % 4);
                    copy[field] = field switch
                    {
                        3 => copy[3][..^1] + (char)('0' + ((copy[3][^1] - '0' + 1) % 10)),
                        4 => DateOnly.ParseExact(copy[4], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        _ => copy[field] + "x",
                    };
                }

                b.Add(copy);
            }
        }

        Differing = Math.Min(Differing, (common + 65) / 66);
        for (var i = 0; i < OnlyInB; i++)
        {
            b.Add(Person(records + i));
        }

        B = b.OrderBy(_ => random.Next()).ToArray();
    }

    public string[][] A { get; }

    public string[][] B { get; }

    public int OnlyInA { get; }

    public int OnlyInB { get; }

    public int Differing { get; }

    public int Matched => A.Length - OnlyInA - Differing;

    public static JsonArray ToJson(string[][] rows, string[] header)
    {
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var obj = new JsonObject();
            for (var f = 0; f < header.Length; f++)
            {
                obj[header[f]] = row[f];
            }

            array.Add(obj);
        }

        return array;
    }

    public static void WriteCsv(string path, string[][] rows, string[] header)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(';', header));
        writer.Write('\n');
        foreach (var row in rows)
        {
            writer.Write(string.Join(';', row));
            writer.Write('\n');
        }
    }

    private static string[] Person(int i)
    {
        var phone = 20_000_000 + ((i * 7919) % 70_000_000);
        return
        [
            $"P{i:D7}",
            $"{FirstNames[i % FirstNames.Length]} {LastNames[(i / 7) % LastNames.Length]}",
            $"{Streets[i % Streets.Length]} {(i % 199) + 1}, {i % 4}. {(i % 2 == 0 ? "th" : "tv")}.",
            phone.ToString(CultureInfo.InvariantCulture),
            new DateOnly(1930, 1, 1).AddDays(i % 30_000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ];
    }
}
