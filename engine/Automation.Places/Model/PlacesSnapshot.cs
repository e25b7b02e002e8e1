namespace Automation.Places.Model;

/// <summary>
/// Everything the in-memory lookups are (re)built from: the current version of every address, area and
/// meeting point, read from the store in one go.
/// </summary>
public sealed record PlacesSnapshot(
    IReadOnlyList<AddressRecord> Addresses,
    IReadOnlyList<Area> Areas,
    IReadOnlyList<MeetingPoint> MeetingPoints);
