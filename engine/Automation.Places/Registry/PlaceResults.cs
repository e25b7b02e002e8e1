using Automation.Places.Model;
using Automation.Places.Projection;

namespace Automation.Places.Registry;

// The shapes every edge (HTTP API, CLI, workflow activities) returns: both coordinate systems, so a map can use
// lat/lon and a planner's GIS can use the metres. Property names are the JSON names the issue and scripts rely on.

/// <summary>An address as the edges return it.</summary>
/// <param name="Id">DAR UUID.</param>
/// <param name="Text">The DAR-style betegnelse.</param>
/// <param name="Postnr">Four-digit postal code.</param>
/// <param name="Lat">WGS84 latitude of the point.</param>
/// <param name="Lon">WGS84 longitude of the point.</param>
/// <param name="X">EPSG:25832 easting in metres.</param>
/// <param name="Y">EPSG:25832 northing in metres.</param>
public sealed record AddressResult(Guid Id, string Text, string Postnr, double Lat, double Lon, double X, double Y)
{
    internal static AddressResult From(Guid id, string text, string postCode, UtmPoint point)
    {
        var wgs84 = UtmProjection.Instance.ToWgs84(point);
        return new AddressResult(id, text, postCode, Round(wgs84.Lat), Round(wgs84.Lon), Math.Round(point.X, 2), Math.Round(point.Y, 2));
    }

    // Eight decimals are about a millimetre: more only adds noise to the output.
    internal static double Round(double degrees) => Math.Round(degrees, 8);
}

/// <summary>The address nearest to a point.</summary>
/// <param name="Address">The address, with the point measured to (entrance or road point).</param>
/// <param name="DistanceMetres">Straight-line distance in metres.</param>
public sealed record ReverseResult(AddressResult Address, double DistanceMetres);

/// <summary>One area containing a point.</summary>
/// <param name="Kind">kommune, postcode, region or alarm.</param>
/// <param name="Code">The area's code, e.g. "0751" or "8000".</param>
/// <param name="Name">Its name.</param>
public sealed record AreaResult(string Kind, string Code, string Name)
{
    internal static AreaResult? From(Area? area) => area is null ? null : new AreaResult(KindName(area.Kind), area.Code, area.Name);

    /// <summary>The lower-case name of a kind as the edges spell it.</summary>
    public static string KindName(AreaKind kind) => kind switch
    {
        AreaKind.Kommune => "kommune",
        AreaKind.PostCode => "postcode",
        AreaKind.Region => "region",
        AreaKind.Alarm => "alarm",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>The areas containing a point.</summary>
public sealed record AreasResult(double Lat, double Lon, AreaResult? Kommune, AreaResult? PostCode, AreaResult? Region, IReadOnlyList<AreaResult> AlarmAreas);

/// <summary>A meeting point with its distance from where the planner asked.</summary>
public sealed record MeetingPointResult(
    Guid Id,
    string Name,
    string Kind,
    double Lat,
    double Lon,
    double X,
    double Y,
    double DistanceMetres,
    string? AddressText,
    string? Notes);

/// <summary>How many records the lookups currently serve.</summary>
public sealed record ServedCounts(int Addresses, int Areas, int MeetingPoints);
