using Automation.Places.Model;

namespace Automation.Places.Search;

/// <summary>One address found by <see cref="AddressSearchIndex.Search"/>, best first.</summary>
/// <param name="Id">DAR UUID of the adresse (or of the adgangsadresse for an adgangsadresse).</param>
/// <param name="AccessAddressId">DAR UUID of its adgangsadresse.</param>
/// <param name="Text">The DAR-style betegnelse, e.g. "Holmens Kanal 2, 1., 1060 København K".</param>
/// <param name="PostCode">Four-digit postnr.</param>
/// <param name="Entrance">The entrance point (adgangspunkt) in EPSG:25832; convert to WGS84 at the edge.</param>
/// <param name="IsAccessAddress">True for the adgangsadresse itself (Id equals AccessAddressId), false for an adresse below it.</param>
/// <param name="Edits">Typing errors forgiven to find it (0 when every word matched exactly or as a prefix).</param>
public sealed record AddressSearchHit(
    Guid Id,
    Guid AccessAddressId,
    string Text,
    string PostCode,
    UtmPoint Entrance,
    bool IsAccessAddress,
    int Edits);
