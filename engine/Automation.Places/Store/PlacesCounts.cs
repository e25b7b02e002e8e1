namespace Automation.Places.Store;

/// <summary>How many records the store holds: current ones and all versions (current + closed).</summary>
public sealed record PlacesCounts(
    int CurrentAddresses,
    int AddressVersions,
    int CurrentAreas,
    int AreaVersions,
    int CurrentMeetingPoints,
    int MeetingPointVersions);
