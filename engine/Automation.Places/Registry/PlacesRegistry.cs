using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Projection;
using Automation.Places.Search;
using Automation.Places.Spatial;

namespace Automation.Places.Registry;

/// <summary>
/// The lookups planners, flows and scripts use, over in-memory indexes built from one <see cref="PlacesSnapshot"/>.
/// After an import the indexes are rebuilt beside the old ones and swapped in one reference write, so a lookup never
/// sees half of an import. Coordinates in and out are WGS84 (lat/lon) with the EPSG:25832 metres alongside.
/// </summary>
public sealed class PlacesRegistry
{
    /// <summary>Default search limit of the edges.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Default radius of a reverse lookup, in metres.</summary>
    public const double DefaultMaxDistanceMetres = 500;

    private volatile Indexes _current = Indexes.Build(new PlacesSnapshot([], [], []));

    /// <summary>Counts of what the lookups currently serve.</summary>
    public ServedCounts Counts => _current.Counts;

    /// <summary>Builds new indexes from <paramref name="snapshot"/> and serves them from now on.</summary>
    public void Replace(PlacesSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _current = Indexes.Build(snapshot);
    }

    /// <summary>Address autocomplete: best first, at most <paramref name="limit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1..1000.</exception>
    public IReadOnlyList<AddressResult> Search(string? query, int limit = DefaultLimit) =>
        [.. _current.Text.Search(query, limit).Select(hit => AddressResult.From(hit.Id, hit.Text, hit.PostCode, hit.Entrance))];

    /// <summary>The address nearest to a point within <paramref name="maxDistanceMetres"/>, or null.</summary>
    /// <exception cref="PlaceInputException">The point is not a valid WGS84 point in or near Denmark.</exception>
    public ReverseResult? Reverse(double lat, double lon, double maxDistanceMetres = DefaultMaxDistanceMetres, AddressPointKind measureTo = AddressPointKind.Entrance)
    {
        if (maxDistanceMetres <= 0 || double.IsNaN(maxDistanceMetres))
        {
            throw new PlaceInputException($"The maximum distance must be a positive number of metres; got {maxDistanceMetres}.");
        }

        var hit = _current.Spatial.Addresses.Nearest(ToUtm(lat, lon), maxDistanceMetres, measureTo);
        return hit is null
            ? null
            : new ReverseResult(AddressResult.From(hit.Address.Id, hit.Address.Text, hit.Address.PostCode, hit.Point), Math.Round(hit.DistanceMetres, 2));
    }

    /// <summary>The kommune, postal district, region and alarm areas containing a point.</summary>
    /// <exception cref="PlaceInputException">The point is not a valid WGS84 point in or near Denmark.</exception>
    public AreasResult Areas(double lat, double lon)
    {
        var hits = _current.Spatial.Areas.Locate(ToUtm(lat, lon));
        return new AreasResult(lat, lon, AreaResult.From(hits.Kommune), AreaResult.From(hits.PostCode), AreaResult.From(hits.Region),
            [.. hits.AlarmAreas.Select(area => AreaResult.From(area)!)]);
    }

    /// <summary>The <paramref name="k"/> nearest meeting points, optionally of one kind, nearest first.</summary>
    /// <exception cref="PlaceInputException">The point is invalid or k is outside 1..1000.</exception>
    public IReadOnlyList<MeetingPointResult> Nearest(double lat, double lon, int k = 5, string? kind = null)
    {
        if (k < 1 || k > MeetingPointIndex.MaxK)
        {
            throw new PlaceInputException($"k must be between 1 and {MeetingPointIndex.MaxK}; got {k}.");
        }

        return [.. _current.Spatial.MeetingPoints.Nearest(ToUtm(lat, lon), k, string.IsNullOrWhiteSpace(kind) ? null : kind).Select(ToResult)];
    }

    /// <summary>The meeting-point kinds present, for filters in pages and the designer.</summary>
    public IReadOnlyList<string> MeetingPointKinds => _current.Spatial.MeetingPoints.Kinds;

    /// <summary>All areas of one kind (the planner page draws them as its offline base map).</summary>
    public IReadOnlyList<Area> AreasOf(AreaKind kind) => _current.Spatial.Areas.AreasOf(kind);

    private static MeetingPointResult ToResult(MeetingPointHit hit)
    {
        var point = hit.MeetingPoint;
        var wgs84 = UtmProjection.Instance.ToWgs84(point.Location);
        return new MeetingPointResult(point.Id, point.Name, point.Kind, AddressResult.Round(wgs84.Lat), AddressResult.Round(wgs84.Lon),
            Math.Round(point.Location.X, 2), Math.Round(point.Location.Y, 2), Math.Round(hit.DistanceMetres, 1), point.AddressText, point.Notes);
    }

    private static UtmPoint ToUtm(double lat, double lon)
    {
        if (double.IsNaN(lat) || double.IsNaN(lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            throw new PlaceInputException($"({lat}, {lon}) is not a WGS84 latitude/longitude pair; give lat between -90 and 90 and lon between -180 and 180.");
        }

        // The same box the importer checks: a point outside it is almost always lat and lon swapped, or a typing error.
        if (DenmarkBounds.CheckWgs84(lon, lat) is { } problem)
        {
            throw new PlaceInputException($"({lat}, {lon}): {problem}.");
        }

        return UtmProjection.Instance.ToUtm(lon, lat);
    }

    private sealed class Indexes(AddressSearchIndex text, SpatialIndex spatial, ServedCounts counts)
    {
        public AddressSearchIndex Text { get; } = text;

        public SpatialIndex Spatial { get; } = spatial;

        public ServedCounts Counts { get; } = counts;

        public static Indexes Build(PlacesSnapshot snapshot)
        {
            AddressSearchIndex? text = null;
            SpatialIndex? spatial = null;
            Parallel.Invoke(() => text = AddressSearchIndex.Build(snapshot.Addresses), () => spatial = SpatialIndex.Build(snapshot));
            return new Indexes(text!, spatial!, new ServedCounts(snapshot.Addresses.Count, snapshot.Areas.Count, snapshot.MeetingPoints.Count));
        }
    }
}
