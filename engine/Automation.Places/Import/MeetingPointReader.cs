using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Automation.Places.Model;
using Automation.Places.Projection;

namespace Automation.Places.Import;

/// <summary>
/// Reads meeting points from GeoJSON Point features or a CSV with lat/lon columns. Two shapes are understood: the
/// Eurostat GISCO healthcare list (<c>hospital_name</c>, <c>site_name</c>, <c>street</c>, <c>postcode</c>, <c>city</c>;
/// kind from the option, default hospital-entrance) and a generic one (<c>id</c>, <c>name</c>, <c>kind</c>,
/// <c>address</c>, <c>notes</c>). Ids that are not UUIDs become stable name-based UUIDs of kind + id, so the CSV and
/// GeoJSON forms of the same list describe the same records.
/// </summary>
internal sealed class MeetingPointReader(string file, string? kindOption)
{
    public IEnumerable<ImportRow<MeetingPoint>> ReadCsv(TextReader text)
    {
        var csv = new CsvRows(text);
        if (!csv.Read())
        {
            yield return Fail(1, null, "the file is empty; expected a header row with name, lat and lon");
            yield break;
        }

        var header = csv.Fields.Select(h => h.Trim()).ToArray();
        foreach (var required in (string[])["lat", "lon"])
        {
            if (!header.Contains(required))
            {
                yield return Fail(1, null, $"missing column '{required}'; a meeting point CSV needs name (or hospital_name), lat and lon");
                yield break;
            }
        }

        while (csv.Read())
        {
            var line = csv.Line;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < csv.Count; i++)
            {
                values[header[i]] = csv[i];
            }

            if (!double.TryParse(values["lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
                !double.TryParse(values["lon"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                yield return Fail(line, "lat", $"'{values["lat"]}', '{values["lon"]}' are not numbers (use a dot as decimal separator)");
                continue;
            }

            yield return Build(line, "lat", lon, lat, key => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null);
        }
    }

    public IEnumerable<ImportRow<MeetingPoint>> ReadGeoJson(GeoJsonFeatures features)
    {
        foreach (var (feature, line) in features.Features)
        {
            if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object ||
                !geometry.TryGetProperty("type", out var type) || type.GetString() != "Point")
            {
                yield return Fail(line, "geometry.type", "a meeting point must be a Point");
                continue;
            }

            if (!geometry.TryGetProperty("coordinates", out var position) || position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2 ||
                position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                yield return Fail(line, "geometry.coordinates", "a Point needs [longitude, latitude]");
                continue;
            }

            var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            string? Property(string key) =>
                properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(key, out var v)
                    ? v.ValueKind switch { JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null, JsonValueKind.Number => v.GetRawText(), _ => null }
                    : null;

            string? Lookup(string key) => key == "id" ? Property("id") ?? (feature.TryGetProperty("id", out var fid) ? fid.ToString() : null) : Property(key);
            yield return Build(line, "geometry.coordinates", position[0].GetDouble(), position[1].GetDouble(), Lookup);
        }
    }

    private ImportRow<MeetingPoint> Build(int line, string coordinateColumn, double lon, double lat, Func<string, string?> value)
    {
        var eurostat = value("hospital_name") is not null;
        var name = eurostat
            ? value("site_name") is { } site ? $"{value("hospital_name")} – {site}" : value("hospital_name")
            : value("name");
        if (name is null)
        {
            return Fail(line, eurostat ? "hospital_name" : "name", "the meeting point has no name");
        }

        var kind = value("kind") ?? kindOption ?? (eurostat ? MeetingPointKinds.HospitalEntrance : null);
        if (kind is null)
        {
            return Fail(line, "kind", $"no kind; add a 'kind' column or give --point-kind ({string.Join(", ", MeetingPointKinds.All)})");
        }

        if (!MeetingPointKinds.IsKnown(kind))
        {
            return Fail(line, "kind", $"unknown kind '{kind}'; use one of {string.Join(", ", MeetingPointKinds.All)}");
        }

        if (DenmarkBounds.CheckWgs84(lon, lat) is { } problem)
        {
            return Fail(line, coordinateColumn, problem);
        }

        var sourceId = value("id");
        var id = sourceId is not null && Guid.TryParse(sourceId, out var given) ? given : NameBasedId($"{kind}:{sourceId ?? name}");
        var address = eurostat
            ? string.Join(", ", new[] { value("street"), string.Join(' ', new[] { value("postcode"), value("city") }.Where(s => s is not null)) }.Where(s => !string.IsNullOrEmpty(s)))
            : value("address");
        Guid? addressId = value("address_id") is { } a && Guid.TryParse(a, out var parsed) ? parsed : null;
        var point = new MeetingPoint(id, name, kind, UtmProjection.Instance.ToUtm(lon, lat), addressId, string.IsNullOrEmpty(address) ? null : address, value("notes"));
        return new ImportRow<MeetingPoint>(line, point, null);
    }

    /// <summary>A stable UUID (version 5 layout, SHA-1) from a name, so the same source id always maps to the same record.</summary>
    private static Guid NameBasedId(string name)
    {
#pragma warning disable CA5350 // SHA-1 only derives an id here (RFC 4122 version 5), it protects nothing.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("automation-places/meeting-point/" + name));
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private ImportRow<MeetingPoint> Fail(int line, string? column, string reason) => new(line, null, new ImportProblem(file, line, column, reason));
}
