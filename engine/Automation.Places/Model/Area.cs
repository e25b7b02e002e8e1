using NetTopologySuite.Geometries;

namespace Automation.Places.Model;

/// <summary>What an <see cref="Area"/> is: the lookups answer "which kommune, postal code and alarm area".</summary>
public enum AreaKind
{
    /// <summary>A kommune (code = kommunekode, e.g. "0751").</summary>
    Kommune,

    /// <summary>A postal district (code = postnr).</summary>
    PostCode,

    /// <summary>A region (code = regionskode, e.g. "1082").</summary>
    Region,

    /// <summary>An alarm area used by patient-transport planning.</summary>
    Alarm,
}

/// <summary>
/// A named polygon or multipolygon, in EPSG:25832. Parts that arrive as separate features with the same code
/// are merged into one area by the importer.
/// </summary>
/// <param name="Kind">What kind of area.</param>
/// <param name="Code">Its code, unique per kind.</param>
/// <param name="Name">Display name.</param>
/// <param name="Geometry">A valid Polygon or MultiPolygon in EPSG:25832.</param>
public sealed record Area(AreaKind Kind, string Code, string Name, Geometry Geometry);
