using System.Runtime.CompilerServices;
using System.Text.Json;
using Automation.Places.Model;
using Automation.Places.Projection;
using NetTopologySuite.Geometries;

namespace Automation.Benchmarks.Places.Data;

/// <summary>
/// The real sample data in ../shared/data/places that the generator draws its patterns from, and the DAGI kommune
/// and postal polygons (WGS84 GeoJSON, converted to EPSG:25832 with the product's UtmProjection, parts merged by code).
/// </summary>
internal sealed class SourceData
{
    private static readonly GeometryFactory Geometries = new(new PrecisionModel(), 25832);

    private SourceData(string folder) => Folder = folder;

    public string Folder { get; }

    public static SourceData Locate([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile), Environment.CurrentDirectory })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "places"));
                if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")) && Directory.Exists(folder))
                {
                    return new SourceData(folder);
                }
            }
        }

        throw new DirectoryNotFoundException("The place data ../shared/data/places next to the repository root (the folder with Automation.sln) was not found.");
    }

    public static UtmPoint ToUtm(double lon, double lat) => UtmProjection.Instance.ToUtm(lon, lat);

    public static (double Lat, double Lon) ToWgs84(UtmPoint point)
    {
        var wgs84 = UtmProjection.Instance.ToWgs84(point);
        return (wgs84.Lat, wgs84.Lon);
    }

    /// <summary>The 2,800 sample adresser as header-keyed rows.</summary>
    public List<Dictionary<string, string>> SampleAddresses() => Keyed("derived_dawa_test_adresser.csv");

    /// <summary>The 1,322 sample adgangsadresser as header-keyed rows.</summary>
    public List<Dictionary<string, string>> SampleAccessAddresses() => Keyed("derived_dawa_test_adgangsadresser.csv");

    public List<Dictionary<string, string>> Hospitals() => Keyed("eurostat_gisco_healthcare_DK.csv");

    public List<Area> Kommuner() => ReadAreas("neogeografen_dagi_kommuner.geojson", AreaKind.Kommune, "KOMKODE", "KOMNAVN");

    public List<Area> PostCodes() => ReadAreas("neogeografen_dagi_postnumre.geojson", AreaKind.PostCode, "POSTNR_TXT", "POSTBYNAVN");

    private List<Dictionary<string, string>> Keyed(string file)
    {
        var rows = Csv.Rows(Path.Combine(Folder, file), out var header);
        return [.. rows.Select(row => header.Zip(row).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))];
    }

    private List<Area> ReadAreas(string file, AreaKind kind, string codeProperty, string nameProperty)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, file)));
        var parts = new Dictionary<string, (string Name, List<Polygon> Polygons)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty(codeProperty).GetString()!;
            var name = feature.GetProperty("properties").GetProperty(nameProperty).GetString()!;
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            List<Polygon> polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? [.. coordinates.EnumerateArray().Select(ToPolygon)]
                : [ToPolygon(coordinates)];
            if (!parts.TryGetValue(code, out var entry))
            {
                entry = (name, []);
                parts.Add(code, entry);
                order.Add(code);
            }

            entry.Polygons.AddRange(polygons);
        }

        return [.. order.Select(code => new Area(kind, code, parts[code].Name, Geometries.CreateMultiPolygon([.. parts[code].Polygons])))];
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
}
