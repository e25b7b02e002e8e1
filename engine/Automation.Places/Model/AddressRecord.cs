namespace Automation.Places.Model;

/// <summary>
/// One searchable address, shaped after DAR: an adgangsadresse (husnummer: road + house number + postal code,
/// with an entrance point and a road point) or an adresse below it (the same plus floor and door).
/// For an adgangsadresse <see cref="AccessAddressId"/> equals <see cref="Id"/> and floor and door are null.
/// This is the flat shape the in-memory indexes are built from; the store keeps validity, version and source.
/// </summary>
/// <param name="Id">DAR UUID of the adresse (or of the adgangsadresse when there is no floor/door).</param>
/// <param name="AccessAddressId">DAR UUID of the adgangsadresse (husnummer).</param>
/// <param name="KommuneCode">Four-digit kommunekode, e.g. "0101".</param>
/// <param name="RoadCode">Vejkode within the kommune.</param>
/// <param name="RoadName">Vejnavn, e.g. "Borgmester Christiansens Gade".</param>
/// <param name="AddressingRoadName">Adresseringsvejnavn (the short form, e.g. "Borgm Christiansens G").</param>
/// <param name="HouseNumber">Husnr with its letter, e.g. "5" or "5A".</param>
/// <param name="Floor">Etage ("st", "1", "kl") or null.</param>
/// <param name="Door">Dør ("tv", "th", "3") or null.</param>
/// <param name="SupplementaryTownName">Supplerende bynavn or null.</param>
/// <param name="PostCode">Four-digit postnr.</param>
/// <param name="PostCodeName">Postnummerets navn, e.g. "København K".</param>
/// <param name="Entrance">Adgangspunkt (entrance point).</param>
/// <param name="RoadPoint">Vejpunkt (where the access meets the road); null when the source has none.</param>
/// <param name="Text">The DAR-style betegnelse, e.g. "Holmens Kanal 2, 1., 1060 København K".</param>
public sealed record AddressRecord(
    Guid Id,
    Guid AccessAddressId,
    string KommuneCode,
    string RoadCode,
    string RoadName,
    string AddressingRoadName,
    string HouseNumber,
    string? Floor,
    string? Door,
    string? SupplementaryTownName,
    string PostCode,
    string PostCodeName,
    UtmPoint Entrance,
    UtmPoint? RoadPoint,
    string Text)
{
    /// <summary>True for an adgangsadresse (no floor and no door).</summary>
    public bool IsAccessAddress => Floor is null && Door is null;
}
