namespace Automation.Places.Import;

/// <summary>What a file holds.</summary>
public enum ImportKind
{
    /// <summary>DAR-style address CSV (adgangsadresser or adresser).</summary>
    Addresses,

    /// <summary>GeoJSON polygons: kommuner, postal districts, regions or alarm areas.</summary>
    Areas,

    /// <summary>Meeting points as GeoJSON points or CSV with lat/lon.</summary>
    MeetingPoints,
}
