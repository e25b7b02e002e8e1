namespace Automation.Places.Model;

/// <summary>
/// A mødested: a named place where patient transport picks up or drops off, e.g. a hospital entrance.
/// </summary>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Display name, e.g. "Aarhus Universitetshospital, Skejby – indgang C".</param>
/// <param name="Kind">Kind such as "hospital-entrance" or "pick-up-point" (lower-case, dash-separated).</param>
/// <param name="Location">Point in EPSG:25832.</param>
/// <param name="AddressId">DAR id of its address, when known.</param>
/// <param name="AddressText">Its address as text, when known.</param>
/// <param name="Notes">Opening notes and directions for drivers.</param>
public sealed record MeetingPoint(
    Guid Id,
    string Name,
    string Kind,
    UtmPoint Location,
    Guid? AddressId,
    string? AddressText,
    string? Notes);
