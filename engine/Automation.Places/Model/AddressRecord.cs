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
    // Millions of records stay in memory (the snapshot the indexes point into). The betegnelse is their largest part
    // (a string of ~50 characters each, ~400 MB at national scale) and for DAR data it always follows from the other
    // fields, which are shared strings: it is kept only when it reads otherwise, and composed again when asked for.
    // Null here means "composed".
    private readonly string? _text = Betegnelse.KeepUnlessComposed(Text, RoadName, HouseNumber, Floor, Door, SupplementaryTownName, PostCode, PostCodeName);
    private readonly string _roadName = RoadName;
    private readonly string _houseNumber = HouseNumber;
    private readonly string? _floor = Floor;
    private readonly string? _door = Door;
    private readonly string? _town = SupplementaryTownName;
    private readonly string _postCode = PostCode;
    private readonly string _postCodeName = PostCodeName;

    /// <summary>Vejnavn, e.g. "Borgmester Christiansens Gade".</summary>
    public string RoadName { get => _roadName; init => (_text, _roadName) = (Text, value); }

    /// <summary>Husnr with its letter, e.g. "5" or "5A".</summary>
    public string HouseNumber { get => _houseNumber; init => (_text, _houseNumber) = (Text, value); }

    /// <summary>Etage ("st", "1", "kl") or null.</summary>
    public string? Floor { get => _floor; init => (_text, _floor) = (Text, value); }

    /// <summary>Dør ("tv", "th", "3") or null.</summary>
    public string? Door { get => _door; init => (_text, _door) = (Text, value); }

    /// <summary>Supplerende bynavn or null.</summary>
    public string? SupplementaryTownName { get => _town; init => (_text, _town) = (Text, value); }

    /// <summary>Four-digit postnr.</summary>
    public string PostCode { get => _postCode; init => (_text, _postCode) = (Text, value); }

    /// <summary>Postnummerets navn, e.g. "København K".</summary>
    public string PostCodeName { get => _postCodeName; init => (_text, _postCodeName) = (Text, value); }

    // A "with" changing one of the parts above first fixes the text as it was (the tuple reads Text before the part
    // changes), so the betegnelse never changes behind the caller's back.

    /// <summary>The DAR-style betegnelse, e.g. "Holmens Kanal 2, 1., 1060 København K".</summary>
    public string Text { get => _text ?? Betegnelse.Compose(_roadName, _houseNumber, _floor, _door, _town, _postCode, _postCodeName); init => _text = value; }

    /// <summary>
    /// <see cref="Text"/> without allocating when it is composed: written into <paramref name="buffer"/> (the import
    /// hashes and writes millions of them).
    /// </summary>
    internal ReadOnlySpan<char> TextSpan(Span<char> buffer) =>
        _text is not null ? _text
        : Betegnelse.TryWrite(buffer, _roadName, _houseNumber, _floor, _door, _town, _postCode, _postCodeName, out var written) ? buffer[..written]
        : Text;

    /// <summary>True for an adgangsadresse (no floor and no door).</summary>
    public bool IsAccessAddress => Floor is null && Door is null;

    /// <summary>Field by field, the betegnelse by its value (kept or composed).</summary>
    public bool Equals(AddressRecord? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Id == other.Id && AccessAddressId == other.AccessAddressId
                && string.Equals(KommuneCode, other.KommuneCode, StringComparison.Ordinal)
                && string.Equals(RoadCode, other.RoadCode, StringComparison.Ordinal)
                && string.Equals(_roadName, other._roadName, StringComparison.Ordinal)
                && string.Equals(AddressingRoadName, other.AddressingRoadName, StringComparison.Ordinal)
                && string.Equals(_houseNumber, other._houseNumber, StringComparison.Ordinal)
                && string.Equals(_floor, other._floor, StringComparison.Ordinal)
                && string.Equals(_door, other._door, StringComparison.Ordinal)
                && string.Equals(_town, other._town, StringComparison.Ordinal)
                && string.Equals(_postCode, other._postCode, StringComparison.Ordinal)
                && string.Equals(_postCodeName, other._postCodeName, StringComparison.Ordinal)
                && Entrance == other.Entrance
                && RoadPoint == other.RoadPoint
                && ((_text is null && other._text is null) || string.Equals(Text, other.Text, StringComparison.Ordinal))));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, AccessAddressId, _houseNumber, _floor, _door, Entrance);
}
