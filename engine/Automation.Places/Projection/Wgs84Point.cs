namespace Automation.Places.Projection;

/// <summary>A WGS84 position in degrees, as it appears at the edge (GeoJSON, API, CLI).</summary>
/// <param name="Lon">Longitude (east positive).</param>
/// <param name="Lat">Latitude (north positive).</param>
public readonly record struct Wgs84Point(double Lon, double Lat);
