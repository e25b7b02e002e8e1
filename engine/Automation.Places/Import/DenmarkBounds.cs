using Automation.Places.Model;
using Automation.Places.Projection;

namespace Automation.Places.Import;

/// <summary>
/// A bounding box of Denmark including Bornholm and Christiansø (not the Faroe Islands or Greenland), used to catch
/// coordinates that are outside the country or have latitude and longitude swapped.
/// </summary>
internal static class DenmarkBounds
{
    public const double MinLon = 7.8;
    public const double MaxLon = 15.4;
    public const double MinLat = 54.4;
    public const double MaxLat = 57.9;

    private static readonly (double MinX, double MaxX, double MinY, double MaxY) Utm = ComputeUtm();

    /// <summary>Why a WGS84 position is unusable, or null when it lies in Denmark.</summary>
    public static string? CheckWgs84(double lon, double lat)
    {
        if (Inside(lon, lat))
        {
            return null;
        }

        if (Inside(lat, lon))
        {
            return $"latitude and longitude are swapped ({lon.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {lat.ToString(System.Globalization.CultureInfo.InvariantCulture)} lies in Denmark only as lat, lon); put longitude first in GeoJSON or swap the lat/lon columns";
        }

        return $"coordinates outside Denmark (lon {lon.ToString(System.Globalization.CultureInfo.InvariantCulture)}, lat {lat.ToString(System.Globalization.CultureInfo.InvariantCulture)}); Denmark lies within lon {MinLon}–{MaxLon}, lat {MinLat}–{MaxLat}";
    }

    /// <summary>Why an EPSG:25832 point is unusable, or null when it lies in Denmark's box.</summary>
    public static string? CheckUtm(UtmPoint point)
    {
        if (InsideUtm(point.X, point.Y))
        {
            return null;
        }

        if (InsideUtm(point.Y, point.X))
        {
            return $"easting and northing are swapped ({point.X.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {point.Y.ToString(System.Globalization.CultureInfo.InvariantCulture)}); swap the etrs89_oest/etrs89_nord columns";
        }

        return $"coordinates outside Denmark (EPSG:25832 {point.X.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {point.Y.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }

    private static bool Inside(double lon, double lat) => lon is >= MinLon and <= MaxLon && lat is >= MinLat and <= MaxLat;

    private static bool InsideUtm(double x, double y) => x >= Utm.MinX && x <= Utm.MaxX && y >= Utm.MinY && y <= Utm.MaxY;

    /// <summary>The UTM box that encloses the WGS84 box (its edges are curved in UTM, so sample them).</summary>
    private static (double, double, double, double) ComputeUtm()
    {
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (var i = 0; i <= 100; i++)
        {
            var lon = MinLon + ((MaxLon - MinLon) * i / 100);
            var lat = MinLat + ((MaxLat - MinLat) * i / 100);
            foreach (var p in new[]
            {
                UtmProjection.Instance.ToUtm(lon, MinLat), UtmProjection.Instance.ToUtm(lon, MaxLat),
                UtmProjection.Instance.ToUtm(MinLon, lat), UtmProjection.Instance.ToUtm(MaxLon, lat),
            })
            {
                minX = Math.Min(minX, p.X);
                maxX = Math.Max(maxX, p.X);
                minY = Math.Min(minY, p.Y);
                maxY = Math.Max(maxY, p.Y);
            }
        }

        return (minX, maxX, minY, maxY);
    }
}
