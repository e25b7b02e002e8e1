using Automation.Places.Model;

namespace Automation.Benchmarks.Places.Harness;

/// <summary>An autocomplete query: what the user typed and the address they meant.</summary>
internal sealed record TextQuery(string Text, Guid Expected, bool Typo);

/// <summary>
/// The queries both sides answer, drawn once (fixed seed) from the loaded addresses, so PostGIS and the registry get
/// exactly the same ones.
/// </summary>
internal sealed class QuerySets
{
    private QuerySets(UtmPoint[] reversePoints, UtmPoint[] nearestPoints, TextQuery[] textQueries)
    {
        ReversePoints = reversePoints;
        NearestPoints = nearestPoints;
        TextQueries = textQueries;
    }

    /// <summary>Points up to 100 m from a random address (reverse lookup, max distance 500 m).</summary>
    public UtmPoint[] ReversePoints { get; }

    /// <summary>Random address entrances (5 nearest meeting points).</summary>
    public UtmPoint[] NearestPoints { get; }

    /// <summary>Autocomplete queries, 10 % with one typo in the road name.</summary>
    public TextQuery[] TextQueries { get; }

    public static QuerySets Draw(IReadOnlyList<AddressRecord> addresses, int pointQueries, int textQueries, int seed)
    {
        var random = new Random(seed);
        var reverse = new UtmPoint[pointQueries];
        var nearest = new UtmPoint[pointQueries];
        for (var i = 0; i < pointQueries; i++)
        {
            var a = addresses[random.Next(addresses.Count)].Entrance;
            reverse[i] = new UtmPoint(a.X + ((random.NextDouble() - 0.5) * 200), a.Y + ((random.NextDouble() - 0.5) * 200));
            nearest[i] = addresses[random.Next(addresses.Count)].Entrance;
        }

        var text = new TextQuery[textQueries];
        for (var i = 0; i < textQueries; i++)
        {
            var typo = i % 10 == 9;
            while (true)
            {
                var a = addresses[random.Next(addresses.Count)];
                var form = random.NextDouble();
                string query;
                if (form < 0.5 || !a.IsAccessAddress)
                {
                    // The betegnelse as typed so far: cut somewhere in the town name.
                    var cut = a.Text.Length - random.Next(Math.Min(6, a.PostCodeName.Length));
                    query = a.Text[..cut];
                }
                else if (form < 0.75)
                {
                    query = $"{a.RoadName} {a.HouseNumber} {a.PostCode}";
                }
                else
                {
                    query = $"{a.RoadName} {a.HouseNumber} {a.PostCodeName}";
                }

                if (typo)
                {
                    if (a.RoadName.Length < 4)
                    {
                        continue;
                    }

                    query = WithTypo(query, a.RoadName.Length, random);
                }

                text[i] = new TextQuery(query, a.Id, typo);
                break;
            }
        }

        return new QuerySets(reverse, nearest, text);
    }

    /// <summary>One edit (substitution, deletion, insertion or transposition) inside the road name, not its first letter.</summary>
    private static string WithTypo(string query, int roadNameLength, Random random)
    {
        const string Letters = "abcdefghijklmnoprstuvyæøå";
        var at = 1 + random.Next(roadNameLength - 2);
        var letter = Letters[random.Next(Letters.Length)];
        return random.Next(4) switch
        {
            0 => query[..at] + letter + query[(at + 1)..],
            1 => query[..at] + query[(at + 1)..],
            2 => query[..at] + letter + query[at..],
            _ => query[..at] + query[at + 1] + query[at] + query[(at + 2)..],
        };
    }
}
