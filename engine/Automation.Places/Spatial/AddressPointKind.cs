namespace Automation.Places.Spatial;

/// <summary>Which of an address's two points a reverse lookup measures to.</summary>
public enum AddressPointKind
{
    /// <summary>The adgangspunkt: the entrance to the building.</summary>
    Entrance,

    /// <summary>The vejpunkt: where the access meets the road (addresses without one are skipped).</summary>
    RoadPoint,
}
