using Automation.Places.Model;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Automation.Places.Projection;

/// <summary>
/// Converts between WGS84 longitude/latitude and EPSG:25832 (ETRS89 / UTM zone 32N). ETRS89 and WGS84 differ by well
/// under a metre in Denmark, below the precision of the address data, so ProjNET's UTM 32N on WGS84 is used directly
/// (its ellipsoid differs from GRS80 by less than a millimetre here). Safe to use from many threads: ProjNET transforms are not documented as thread-safe, so each thread
/// gets its own pair.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "One shared instance is the API, so callers can hold it like any converter.")]
public sealed class UtmProjection
{
    /// <summary>EPSG code of the internal coordinate system.</summary>
    public const int Srid = 25832;

    private UtmProjection()
    {
    }

    /// <summary>The one shared converter.</summary>
    public static UtmProjection Instance { get; } = new();

    [ThreadStatic]
    private static (MathTransform Forward, MathTransform Inverse)? _perThread;

    /// <summary>Factory for geometries in EPSG:25832.</summary>
    public static GeometryFactory UtmFactory { get; } = new(new PrecisionModel(), Srid);

    /// <summary>Factory for geometries in WGS84 (EPSG:4326, longitude first as in GeoJSON).</summary>
    public static GeometryFactory Wgs84Factory { get; } = new(new PrecisionModel(), 4326);

    /// <summary>WGS84 longitude/latitude to EPSG:25832 metres.</summary>
    public UtmPoint ToUtm(double lon, double lat)
    {
        var (x, y) = Transforms.Forward.Transform(lon, lat);
        return new UtmPoint(x, y);
    }

    /// <summary>EPSG:25832 metres to WGS84.</summary>
    public Wgs84Point ToWgs84(UtmPoint point)
    {
        var (lon, lat) = Transforms.Inverse.Transform(point.X, point.Y);
        return new Wgs84Point(lon, lat);
    }

    /// <summary>A copy of a WGS84 geometry in EPSG:25832 (2D: any Z is dropped).</summary>
    public Geometry ToUtm(Geometry wgs84) => Transform(wgs84, UtmFactory, Transforms.Forward);

    /// <summary>A copy of an EPSG:25832 geometry in WGS84 (2D).</summary>
    public Geometry ToWgs84(Geometry utm) => Transform(utm, Wgs84Factory, Transforms.Inverse);

    private static Geometry Transform(Geometry geometry, GeometryFactory factory, MathTransform transform)
    {
        var copy = factory.CreateGeometry(geometry);
        copy.Apply(new TransformFilter(transform));
        copy.GeometryChanged();
        return copy;
    }

    private static (MathTransform Forward, MathTransform Inverse) Transforms => _perThread ??= Create();

    private static (MathTransform Forward, MathTransform Inverse) Create()
    {
        var factory = new CoordinateTransformationFactory();
        var utm = ProjectedCoordinateSystem.WGS84_UTM(32, true);
        var forward = factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, utm).MathTransform;
        var inverse = factory.CreateFromCoordinateSystems(utm, GeographicCoordinateSystem.WGS84).MathTransform;
        return (forward, inverse);
    }

    private sealed class TransformFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
