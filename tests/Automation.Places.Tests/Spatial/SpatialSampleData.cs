using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Automation.Places.Model;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Automation.Places.Tests.Spatial;

/// <summary>
/// Test-only loader for the real sample data in <c>../shared/data/places</c>: the DAWA-derived address CSVs, the DAGI
/// GeoJSON polygons (WGS84, converted here to EPSG:25832 with ProjNET; multi-part areas merged by code, the dummy Z
/// dropped) and the Eurostat hospitals. Loaded once per test run.
/// </summary>
internal static class SpatialSampleData
{
    private static readonly GeometryFactory Geometries = new(new PrecisionModel(), 25832);
    private static readonly Lazy<string> LazyFolder = new(() => Locate());
    private static readonly Lazy<IReadOnlyList<AddressRecord>> LazyAccessAddresses = new(() => ReadAddresses("derived_dawa_test_adgangsadresser.csv", units: false));
    private static readonly Lazy<IReadOnlyList<AddressRecord>> LazyUnits = new(() => ReadAddresses("derived_dawa_test_adresser.csv", units: true));
    private static readonly Lazy<IReadOnlyList<Area>> LazyAreas = new(ReadAllAreas);
    private static readonly Lazy<IReadOnlyList<MeetingPoint>> LazyHospitals = new(ReadHospitals);

    public static string Folder => LazyFolder.Value;

    /// <summary>The 1,322 adgangsadresser (Id = AccessAddressId, no floor/door).</summary>
    public static IReadOnlyList<AddressRecord> AccessAddresses => LazyAccessAddresses.Value;

    /// <summary>The 2,800 adresser (with floor/door where they have one).</summary>
    public static IReadOnlyList<AddressRecord> Units => LazyUnits.Value;

    /// <summary>Kommuner, postal districts and regions (DAGI), plus the Region Midtjylland kommuner as alarm areas.</summary>
    public static IReadOnlyList<Area> Areas => LazyAreas.Value;

    /// <summary>The 61 hospital sites as meeting points of kind "hospital"; AddressText holds "street, postcode city".</summary>
    public static IReadOnlyList<MeetingPoint> Hospitals => LazyHospitals.Value;

    /// <summary>WGS84 longitude/latitude to EPSG:25832 (ETRS89 and WGS84 agree to well under a metre here).</summary>
    public static UtmPoint ToUtm(double lon, double lat)
    {
        lock (Transform)
        {
            var (x, y) = Transform.MathTransform.Transform(lon, lat);
            return new UtmPoint(x, y);
        }
    }

    private static readonly ICoordinateTransformation Transform = new CoordinateTransformationFactory()
        .CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, ProjectedCoordinateSystem.WGS84_UTM(32, true));

    private static List<AddressRecord> ReadAddresses(string file, bool units)
    {
        var records = new List<AddressRecord>();
        foreach (var row in ReadCsv(file))
        {
            var accessId = Guid.Parse(row["adgangsadresse_id"]);
            var id = units ? Guid.Parse(row["adresse_id"]) : accessId;
            records.Add(new AddressRecord(
                id,
                accessId,
                row["kommunekode"].PadLeft(4, '0'),
                row["vejkode"],
                row["vejnavn"],
                row["adresseringsvejnavn"],
                row["husnr"],
                units ? NullIfEmpty(row["etage"]) : null,
                units ? NullIfEmpty(row["doer"]) : null,
                NullIfEmpty(row["supplerendebynavn"]),
                row["postnr"],
                row["postnrnavn"],
                new UtmPoint(Number(row["etrs89_oest"]), Number(row["etrs89_nord"])),
                null,
                row["betegnelse"]));
        }

        return records;
    }

    /// <summary>Rows of a comma-separated file with a header; fields may be double-quoted (the betegnelse is).</summary>
    private static IEnumerable<Dictionary<string, string>> ReadCsv(string file)
    {
        using var reader = new StreamReader(Path.Combine(Folder, file));
        var header = SplitCsvLine(reader.ReadLine()!);
        while (reader.ReadLine() is { } line)
        {
            var fields = SplitCsvLine(line);
            yield return header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }
    }

    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static List<Area> ReadAllAreas()
    {
        var areas = new List<Area>();
        areas.AddRange(ReadAreas("neogeografen_dagi_kommuner.geojson", AreaKind.Kommune, "KOMKODE", "KOMNAVN"));
        areas.AddRange(ReadAreas("neogeografen_dagi_postnumre.geojson", AreaKind.PostCode, "POSTNR_TXT", "POSTBYNAVN"));
        areas.AddRange(ReadAreas("neogeografen_dagi_regioner.geojson", AreaKind.Region, "REGIONKODE", "REGIONNAVN"));
        areas.AddRange(ReadAreas("derived_region_midtjylland_kommuner.geojson", AreaKind.Alarm, "KOMKODE", "KOMNAVN"));
        return areas;
    }

    /// <summary>Reads Polygon/MultiPolygon features, merging the parts that share a code into one area.</summary>
    private static IEnumerable<Area> ReadAreas(string file, AreaKind kind, string codeProperty, string nameProperty)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, file)));
        var parts = new Dictionary<string, (string Name, List<Polygon> Polygons)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var code = properties.GetProperty(codeProperty).GetString()!;
            var name = properties.GetProperty(nameProperty).GetString()!;
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [ToPolygon(coordinates)],
                "MultiPolygon" => coordinates.EnumerateArray().Select(ToPolygon).ToList(),
                var other => throw new InvalidDataException($"{file}: unexpected geometry type {other}."),
            };
            if (!parts.TryGetValue(code, out var entry))
            {
                entry = (name, []);
                parts.Add(code, entry);
                order.Add(code);
            }

            entry.Polygons.AddRange(polygons);
        }

        foreach (var code in order)
        {
            var (name, polygons) = parts[code];
            Geometry merged = polygons.Count == 1 ? polygons[0] : Geometries.CreateMultiPolygon([.. polygons]);
            yield return new Area(kind, code, name, merged);
        }
    }

    private static Polygon ToPolygon(JsonElement rings)
    {
        var linear = rings.EnumerateArray().Select(ring => Geometries.CreateLinearRing(
            [.. ring.EnumerateArray().Select(position =>
            {
                var point = ToUtm(position[0].GetDouble(), position[1].GetDouble());
                return new Coordinate(point.X, point.Y);
            })])).ToArray();
        return Geometries.CreatePolygon(linear[0], linear[1..]);
    }

    private static List<MeetingPoint> ReadHospitals() =>
    [
        .. ReadCsv("eurostat_gisco_healthcare_DK.csv").Select(row => new MeetingPoint(
            new Guid(int.Parse(row["id"], CultureInfo.InvariantCulture), 0, 0, new byte[8]),
            row["hospital_name"],
            "hospital",
            ToUtm(Number(row["lon"]), Number(row["lat"])),
            null,
            $"{row["street"]}, {row["postcode"]} {row["city"]}",
            null)),
    ];

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
                {
                    var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "places"));
                    if (Directory.Exists(folder))
                    {
                        return folder;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException("The place data ../shared/data/places next to the repository root (the folder with Automation.sln) was not found.");
    }
}
