using System.Diagnostics;
using System.Globalization;
using System.Text;
using Automation.Places.Model;
using Automation.Places.Spatial;

namespace Automation.Benchmarks.Places.Data;

/// <summary>
/// Builds a national-scale synthetic address set from the real sample's patterns: road names recombined from the
/// sample's name stems, given words and endings; house numbers with the sample's share of letters; buildings with
/// floors and doors in the sample's combinations; roads spread over the real kommune polygons (the same number of
/// roads per kommune, so small urban kommuner come out dense) with the postal district of the polygon they lie in.
/// Writes <c>addresses.csv</c> in the column layout of derived_dawa_test_adresser.csv (plus the road point) and
/// <c>meeting_points.csv</c> (the 61 real hospitals plus synthetic pick-up points). Deterministic for a seed.
/// </summary>
internal sealed class Generator
{
    public const string AddressesFile = "addresses.csv";
    public const string MeetingPointsFile = "meeting_points.csv";

    public const string AddressHeader = "adresse_id,adgangsadresse_id,status,kommunekode,vejkode,vejnavn,adresseringsvejnavn,husnr,etage,doer,"
        + "supplerendebynavn,postnr,postnrnavn,etrs89_oest,etrs89_nord,wgs84_lat,wgs84_lon,noejagtighed,tekniskstandard,betegnelse,vejpunkt_oest,vejpunkt_nord";

    private static readonly string[] KnownEndings =
    [
        "landevej", "parkvej", "brovej", "byvej", "ringvej", "vej", "gade", "allé", "alle", "stræde", "plads", "vænget", "vænge",
        "parken", "park", "haven", "have", "torv", "boulevard", "bakken", "bakke", "toften", "toft", "gyden", "stien", "sti",
        "engen", "eng", "løkken", "lund", "høj", "marken", "mark", "vangen", "hegnet", "kær", "bjerg", "holm", "strøget", "gård",
    ];

    private readonly Random _random;
    private readonly int _addresses;
    private readonly int _roads;
    private readonly int _pickUpPoints;

    public Generator(int addresses, int roads, int pickUpPoints, int seed)
    {
        _addresses = addresses;
        _roads = roads;
        _pickUpPoints = pickUpPoints;
        _random = new Random(seed);
    }

    public void Write(SourceData source, string folder)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var sample = source.SampleAddresses();
        var kommuner = source.Kommuner();
        var postCodes = source.PostCodes();
        var areas = AreaLookup.Build([.. kommuner, .. postCodes]);
        var names = RoadNames(sample);
        var supplementary = sample.Select(r => r["supplerendebynavn"]).Where(s => s.Length > 0).Distinct().ToArray();
        var layouts = UnitLayouts();
        var meanUnits = layouts.Average(l => l.Length);

        // Expected records per house e = 1 + p (meanUnits - 1); choose p so that the houses the roads get fill the target.
        var houseCounts = new int[_roads];
        for (var i = 0; i < _roads; i++)
        {
            houseCounts[i] = 1 + (int)Math.Min(400, -Math.Log(1 - _random.NextDouble()) * 20.6);
        }

        var houses = houseCounts.Sum();
        var perHouse = Math.Max(1.0, (double)_addresses / houses);
        var unitShare = Math.Clamp((perHouse - 1) / (meanUnits - 1), 0, 1);

        using var writer = new StreamWriter(Path.Combine(folder, AddressesFile), false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(AddressHeader);
        var meeting = new List<string>();
        var written = 0;
        var roadCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var roads = new Road[_roads];
        for (var r = 0; r < _roads; r++)
        {
            var kommune = kommuner[r % kommuner.Count];
            var placed = PlaceRoad(areas, kommune);
            for (var next = r + 1; placed is null; next++)
            {
                // A kommune too small to hit at random (or outside every postal polygon) hands its road to the next one.
                kommune = kommuner[next % kommuner.Count];
                placed = PlaceRoad(areas, kommune);
            }

            var (centre, postCode) = placed.Value;
            roadCodes[kommune.Code] = roadCodes.GetValueOrDefault(kommune.Code, 999) + 1;
            var angle = _random.NextDouble() * Math.PI;
            var name = names[r];
            roads[r] = new Road(
                kommune.Code.TrimStart('0'),
                roadCodes[kommune.Code].ToString(CultureInfo.InvariantCulture),
                name,
                AddressingName(name),
                _random.NextDouble() < 0.12 && supplementary.Length > 0 ? supplementary[_random.Next(supplementary.Length)] : "",
                postCode.Code,
                postCode.Name,
                centre,
                Math.Cos(angle),
                Math.Sin(angle));
        }

        for (var r = 0; r < _roads && written < _addresses; r++)
        {
            // Leave at least one record for every road still to come.
            var budget = _addresses - written - (_roads - r - 1);
            written += WriteRoad(writer, roads[r], 1, houseCounts[r], budget, unitShare, layouts, meeting, houses);
        }

        // Top up to the exact target with more houses on random roads.
        while (written < _addresses)
        {
            var r = _random.Next(_roads);
            written += WriteRoad(writer, roads[r], (2 * houseCounts[r]) + 1, 5, _addresses - written, unitShare, layouts, meeting, houses);
            houseCounts[r] += 5;
        }

        using (var points = new StreamWriter(Path.Combine(folder, MeetingPointsFile), false, new UTF8Encoding(false)))
        {
            points.WriteLine("id,name,kind,etrs89_oest,etrs89_nord,adresse_id,betegnelse");
            foreach (var hospital in source.Hospitals())
            {
                var location = SourceData.ToUtm(Csv.ParseNumber(hospital["lon"]), Csv.ParseNumber(hospital["lat"]));
                points.WriteLine(string.Join(',', NewId(), Csv.Quote(hospital["hospital_name"]), "hospital",
                    Csv.Number(location.X, 2), Csv.Number(location.Y, 2), "", Csv.Quote($"{hospital["street"]}, {hospital["postcode"]} {hospital["city"]}")));
            }

            foreach (var line in meeting)
            {
                points.WriteLine(line);
            }
        }

        Console.WriteLine($"generated {written:N0} addresses on {_roads:N0} roads ({houseCounts.Sum():N0} houses asked, unit share {unitShare:P1}), "
            + $"{meeting.Count + 61:N0} meeting points in {clock.Elapsed.TotalSeconds:F1} s -> {folder}");
    }

    private int WriteRoad(StreamWriter writer, Road road, int firstNumber, int houseCount, int budget, double unitShare,
        string[][] layouts, List<string> meeting, int totalHouses)
    {
        const double Spacing = 20;
        var written = 0;
        var number = firstNumber;
        var length = houseCount * Spacing / 2;
        for (var h = 0; h < houseCount && written < budget; h++, number++)
        {
            var letters = _random.NextDouble() < 0.05 ? 2 + _random.Next(2) : 1;
            for (var l = 0; l < letters && written < budget; l++)
            {
                var houseNumber = letters == 1 ? number.ToString(CultureInfo.InvariantCulture) : number.ToString(CultureInfo.InvariantCulture) + (char)('A' + l);
                var along = (((number - 1) / 2) * Spacing) + (l * 5) - (length / 2);
                var side = number % 2 == 1 ? 1 : -1;
                var roadPoint = new UtmPoint(road.Centre.X + (road.Dx * along), road.Centre.Y + (road.Dy * along));
                var entrance = new UtmPoint(roadPoint.X - (road.Dy * 12 * side), roadPoint.Y + (road.Dx * 12 * side));
                var (lat, lon) = SourceData.ToWgs84(entrance);
                var accessId = NewId();
                var units = _random.NextDouble() < unitShare ? layouts[_random.Next(layouts.Length)] : [""];
                foreach (var unit in units)
                {
                    if (written >= budget)
                    {
                        break;
                    }

                    var (floor, door) = unit.Length == 0 ? ("", "") : (unit.Split('|')[0], unit.Split('|')[1]);
                    var id = NewId();
                    writer.WriteLine(string.Join(',',
                        id, accessId, "1", road.KommuneCode, road.RoadCode, Csv.Quote(road.Name), Csv.Quote(road.AddressingName), houseNumber,
                        floor, door, Csv.Quote(road.Supplementary), road.PostCode, Csv.Quote(road.PostCodeName),
                        Csv.Number(entrance.X, 2), Csv.Number(entrance.Y, 2), Csv.Number(lat, 8), Csv.Number(lon, 8), "A", "TD",
                        Csv.Quote(Betegnelse(road, houseNumber, floor, door)), Csv.Number(roadPoint.X, 2), Csv.Number(roadPoint.Y, 2)));
                    written++;
                }

                if (_random.NextDouble() < (double)_pickUpPoints / totalHouses)
                {
                    meeting.Add(string.Join(',', NewId(), Csv.Quote($"Opsamlingssted {road.Name} {houseNumber}"), "pick-up-point",
                        Csv.Number(entrance.X + 8, 2), Csv.Number(entrance.Y + 8, 2), accessId,
                        Csv.Quote(Betegnelse(road, houseNumber, "", ""))));
                }
            }
        }

        return written;
    }

    /// <summary>The DAR betegnelse, e.g. "Borgmester Christiansens Gade 45, st. th, 2450 København SV".</summary>
    public static string Betegnelse(Road road, string houseNumber, string floor, string door)
    {
        var text = new StringBuilder(road.Name).Append(' ').Append(houseNumber);
        if (floor.Length > 0)
        {
            text.Append(", ").Append(floor).Append('.');
            if (door.Length > 0)
            {
                text.Append(' ').Append(door);
            }
        }
        else if (door.Length > 0)
        {
            text.Append(", ").Append(door);
        }

        if (road.Supplementary.Length > 0)
        {
            text.Append(", ").Append(road.Supplementary);
        }

        return text.Append(", ").Append(road.PostCode).Append(' ').Append(road.PostCodeName).ToString();
    }

    private (UtmPoint Centre, Area PostCode)? PlaceRoad(AreaLookup areas, Area kommune)
    {
        var envelope = kommune.Geometry.EnvelopeInternal;
        for (var attempt = 0; attempt < 5_000; attempt++)
        {
            var point = new UtmPoint(envelope.MinX + (_random.NextDouble() * envelope.Width), envelope.MinY + (_random.NextDouble() * envelope.Height));
            if (areas.Find(point, AreaKind.Kommune)?.Code == kommune.Code && areas.Find(point, AreaKind.PostCode) is { } postCode)
            {
                return (point, postCode);
            }
        }

        return null;
    }

    /// <summary>Unique road names recombined from the sample's stems, endings and given words.</summary>
    private string[] RoadNames(List<Dictionary<string, string>> sample)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var endings = new List<string>();
        var given = new HashSet<string>(StringComparer.Ordinal);
        var typeWords = new List<string>();
        foreach (var name in sample.Select(r => r["vejnavn"]).Distinct(StringComparer.Ordinal))
        {
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var last = words[^1];
            var ending = KnownEndings.FirstOrDefault(e => last.Length > e.Length + 2 && last.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            if (ending is not null)
            {
                stems.Add(last[..^ending.Length]);
                endings.Add(ending);
            }
            else if (words.Length > 1)
            {
                typeWords.Add(last);
            }
            else
            {
                stems.Add(last);
            }

            foreach (var word in words[..^1].Where(w => w.Length > 2 && char.IsUpper(w[0])))
            {
                given.Add(word);
            }
        }

        var stemList = stems.Order(StringComparer.Ordinal).ToArray();
        var givenList = given.Order(StringComparer.Ordinal).ToArray();
        if (typeWords.Count == 0)
        {
            typeWords.Add("Vej");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>(_roads);
        while (ordered.Count < _roads)
        {
            var pick = _random.NextDouble();
            var stem = stemList[_random.Next(stemList.Length)];
            var ending = endings[_random.Next(endings.Count)];
            var name = pick switch
            {
                < 0.45 => stem + ending,
                < 0.75 => stem + stemList[_random.Next(stemList.Length)].ToLowerInvariant() + ending,
                < 0.90 => givenList[_random.Next(givenList.Length)] + " " + stem + stemList[_random.Next(stemList.Length)].ToLowerInvariant() + ending,
                _ => givenList[_random.Next(givenList.Length)] + " " + givenList[_random.Next(givenList.Length)] + " " + typeWords[_random.Next(typeWords.Count)],
            };
            if (names.Add(name))
            {
                ordered.Add(name);
            }
        }

        return [.. ordered];
    }

    /// <summary>DAR's adresseringsvejnavn is at most 20 characters: abbreviate the first word, then cut.</summary>
    private static string AddressingName(string name)
    {
        if (name.Length <= 20)
        {
            return name;
        }

        var words = name.Split(' ');
        if (words.Length > 1 && words[0].Length > 5)
        {
            words[0] = words[0][..5];
        }

        var shorter = string.Join(' ', words);
        return shorter.Length <= 20 ? shorter : shorter[..20].TrimEnd();
    }

    /// <summary>Floor/door layouts of buildings with units, in the sample's combinations ("floor|door").</summary>
    private static string[][] UnitLayouts()
    {
        var layouts = new List<string[]>();
        string[][] doorSchemes = [["tv", "th"], ["tv", "th"], ["tv", "th"], ["tv", "mf", "th"], ["1", "2", "3"], ["1", "2", "3", "4"], [""]];
        for (var floors = 2; floors <= 6; floors++)
        {
            foreach (var doors in doorSchemes)
            {
                var units = new List<string>();
                for (var f = 0; f < floors; f++)
                {
                    var floor = f == 0 ? "st" : f.ToString(CultureInfo.InvariantCulture);
                    units.AddRange(doors.Select(d => floor + "|" + d));
                }

                if (floors >= 4)
                {
                    units.Add("kl|");
                }

                layouts.Add([.. units]);
            }
        }

        return [.. layouts];
    }

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    internal sealed record Road(string KommuneCode, string RoadCode, string Name, string AddressingName, string Supplementary,
        string PostCode, string PostCodeName, UtmPoint Centre, double Dx, double Dy);
}
