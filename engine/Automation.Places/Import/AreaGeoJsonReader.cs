using System.Globalization;
using System.Text.Json;
using Automation.Places.Model;
using Automation.Places.Projection;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Automation.Places.Import;

/// <summary>
/// Reads area polygons from a WGS84 GeoJSON FeatureCollection (RFC 7946 or the old CRS84 form). The code and name
/// come from the DAGI properties (KOMKODE/KOMNAVN, POSTNR_TXT/POSTBYNAVN, REGIONKODE/REGIONNAVN) or from generic
/// <c>code</c>, <c>name</c> and <c>kind</c> properties. Parts that share a kind and code are merged into one
/// MultiPolygon; any Z (DAGI's dummy -999) is dropped; coordinates are projected to EPSG:25832.
/// </summary>
internal sealed class AreaGeoJsonReader(string file, AreaKind? kindOverride)
{
    private static readonly (string Code, string Name, AreaKind Kind)[] KnownProperties =
    [
        ("KOMKODE", "KOMNAVN", AreaKind.Kommune),
        ("POSTNR_TXT", "POSTBYNAVN", AreaKind.PostCode),
        ("REGIONKODE", "REGIONNAVN", AreaKind.Region),
    ];

    public (List<(Area Area, int Line)> Areas, List<ImportProblem> Problems) Read(GeoJsonFeatures features)
    {
        var problems = new List<ImportProblem>();
        var parts = new Dictionary<(AreaKind, string), (string Name, int Line, List<Polygon> Polygons)>();
        var order = new List<(AreaKind, string)>();
        foreach (var (feature, line) in features.Features)
        {
            var problem = ReadFeature(feature, line, out var kind, out var code, out var name, out var polygons);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            if (!parts.TryGetValue((kind, code!), out var entry))
            {
                entry = (name!, line, []);
                parts.Add((kind, code!), entry);
                order.Add((kind, code!));
            }

            entry.Polygons.AddRange(polygons!);
        }

        var areas = new List<(Area, int)>(order.Count);
        foreach (var key in order)
        {
            var (name, line, polygons) = parts[key];
            Geometry merged = polygons.Count == 1 ? polygons[0] : UtmProjection.UtmFactory.CreateMultiPolygon([.. polygons]);
            if (!merged.IsValid)
            {
                // Parts that touch or overlap make an invalid MultiPolygon; their union is the same area, valid.
                merged = merged.Union();
            }

            areas.Add((new Area(key.Item1, key.Item2, name, merged), line));
        }

        return (areas, problems);
    }

    private ImportProblem? ReadFeature(JsonElement feature, int line, out AreaKind kind, out string? code, out string? name, out List<Polygon>? polygons)
    {
        kind = default;
        code = null;
        name = null;
        polygons = null;
        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return Fail(line, "properties", "the feature has no properties; an area needs a code and a name");
        }

        AreaKind? detected = null;
        foreach (var (codeProperty, nameProperty, known) in KnownProperties)
        {
            if (Text(properties, codeProperty) is { } knownCode)
            {
                code = knownCode;
                name = Text(properties, nameProperty) ?? knownCode;
                detected = known;
                break;
            }
        }

        if (code is null)
        {
            code = Text(properties, "code");
            name = Text(properties, "name") ?? code;
            if (Text(properties, "kind") is { } kindText)
            {
                detected = ParseKind(kindText);
                if (detected is null)
                {
                    return Fail(line, "properties.kind", $"unknown kind '{kindText}'; use kommune, postcode, region or alarm");
                }
            }
        }

        if (code is null)
        {
            return Fail(line, "properties", "no area code: expected KOMKODE, POSTNR_TXT, REGIONKODE or a 'code' property");
        }

        if ((kindOverride ?? detected) is not { } resolved)
        {
            return Fail(line, "properties.kind", "cannot tell what kind of area this is; add a 'kind' property or give --area-kind");
        }

        kind = resolved;
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            return Fail(line, "geometry", "the feature has no geometry");
        }

        var type = Text(geometry, "type");
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            return Fail(line, "geometry.coordinates", "the geometry has no coordinates");
        }

        polygons = [];
        try
        {
            switch (type)
            {
                case "Polygon":
                    polygons.Add(ToPolygon(coordinates));
                    break;
                case "MultiPolygon":
                    foreach (var polygon in coordinates.EnumerateArray())
                    {
                        polygons.Add(ToPolygon(polygon));
                    }

                    break;
                default:
                    return Fail(line, "geometry.type", $"an area must be a Polygon or MultiPolygon, not {type ?? "nothing"}");
            }
        }
        catch (GeometryProblemException ex)
        {
            return Fail(line, "geometry.coordinates", ex.Message);
        }

        foreach (var polygon in polygons)
        {
            var error = new IsValidOp(polygon).ValidationError;
            if (error is not null)
            {
                var at = UtmProjection.Instance.ToWgs84(new UtmPoint(error.Coordinate.X, error.Coordinate.Y));
                var where = $"near lon {at.Lon.ToString("F6", CultureInfo.InvariantCulture)}, lat {at.Lat.ToString("F6", CultureInfo.InvariantCulture)}";
                var reason = error.ErrorType is TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection
                    ? $"self-intersecting polygon ({error.Message} {where}); fix the ring so its edges do not cross"
                    : $"invalid polygon: {error.Message} {where}";
                return Fail(line, "geometry.coordinates", reason);
            }
        }

        return null;
    }

    private static Polygon ToPolygon(JsonElement rings)
    {
        var linear = new List<LinearRing>();
        foreach (var ring in rings.EnumerateArray())
        {
            var coordinates = new List<Coordinate>();
            foreach (var position in ring.EnumerateArray())
            {
                if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2 ||
                    position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
                {
                    throw new GeometryProblemException("a position must be [longitude, latitude] (a third value is ignored)");
                }

                var lon = position[0].GetDouble();
                var lat = position[1].GetDouble();
                if (DenmarkBounds.CheckWgs84(lon, lat) is { } problem)
                {
                    throw new GeometryProblemException(problem);
                }

                var utm = UtmProjection.Instance.ToUtm(lon, lat);
                coordinates.Add(new Coordinate(utm.X, utm.Y));
            }

            if (coordinates.Count < 4 || !coordinates[0].Equals2D(coordinates[^1]))
            {
                throw new GeometryProblemException("each ring needs at least 4 positions and must end where it starts");
            }

            linear.Add(UtmProjection.UtmFactory.CreateLinearRing([.. coordinates]));
        }

        if (linear.Count == 0)
        {
            throw new GeometryProblemException("the polygon has no rings");
        }

        return UtmProjection.UtmFactory.CreatePolygon(linear[0], [.. linear.Skip(1)]);
    }

    internal static AreaKind? ParseKind(string text) => text.ToUpperInvariant() switch
    {
        "KOMMUNE" => AreaKind.Kommune,
        "POSTCODE" or "POSTNR" => AreaKind.PostCode,
        "REGION" => AreaKind.Region,
        "ALARM" => AreaKind.Alarm,
        _ => null,
    };

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private ImportProblem Fail(int line, string column, string reason) => new(file, line, column, reason);

    private sealed class GeometryProblemException(string message) : Exception(message);
}
