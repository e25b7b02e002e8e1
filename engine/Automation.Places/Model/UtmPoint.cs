namespace Automation.Places.Model;

/// <summary>
/// A point in EPSG:25832 (ETRS89 / UTM zone 32N), in metres. Everything inside the registry is in this
/// system; WGS84 longitude/latitude appear only at the edge (API, GeoJSON, CLI output).
/// </summary>
public readonly record struct UtmPoint(double X, double Y)
{
    /// <summary>Straight-line distance in metres.</summary>
    public double DistanceTo(UtmPoint other)
    {
        var dx = X - other.X;
        var dy = Y - other.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
