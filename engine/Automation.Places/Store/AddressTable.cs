using Automation.Places.Model;
using Microsoft.Data.Sqlite;

namespace Automation.Places.Store;

/// <summary>Addresses (adgangsadresser and adresser), keyed by DAR id; ids are 16-byte blobs.</summary>
internal sealed class AddressTable : RecordTable<AddressRecord, Guid>
{
    public static AddressTable Instance { get; } = new();

    public override string Name => "addresses";

    public override IReadOnlyList<string> Columns { get; } =
    [
        "id", "access_address_id", "kommune_code", "road_code", "road_name", "addressing_road_name", "house_number", "floor", "door",
        "supplementary_town_name", "post_code", "post_code_name", "entrance_x", "entrance_y", "road_x", "road_y", "text",
    ];

    public override (string Name, string Columns) Index => ("ix_addresses_id", "id");

    public override int KeyColumnCount => 1;

    public override Guid KeyOf(AddressRecord record) => record.Id;

    public override Guid ReadKey(SqliteDataReader reader, int offset) => reader.GetGuid(offset);

    public override long Hash(AddressRecord record)
    {
        var hash = ContentHash.Create();
        hash.Add(record.AccessAddressId);
        hash.Add(record.KommuneCode);
        hash.Add(record.RoadCode);
        hash.Add(record.RoadName);
        hash.Add(record.AddressingRoadName);
        hash.Add(record.HouseNumber);
        hash.Add(record.Floor);
        hash.Add(record.Door);
        hash.Add(record.SupplementaryTownName);
        hash.Add(record.PostCode);
        hash.Add(record.PostCodeName);
        hash.Add(record.Entrance.X);
        hash.Add(record.Entrance.Y);
        hash.Add(record.RoadPoint?.X ?? double.NaN);
        hash.Add(record.RoadPoint?.Y ?? double.NaN);
        // The betegnelse is composed for most records (see AddressRecord): into a stack buffer, not a new string.
        hash.Add(record.TextSpan(stackalloc char[256]));
        return hash.Value;
    }

    /// <summary>
    /// The address text, case- and space-folded, plus whether it is an adgangsadresse: an adresse without floor and
    /// door has the same text as its adgangsadresse and is not a duplicate of it.
    /// </summary>
    public override long DuplicateKey(AddressRecord record)
    {
        var hash = ContentHash.Create();
        hash.AddFolded(record.TextSpan(stackalloc char[256]));
        hash.Add(record.Id == record.AccessAddressId ? "A" : "U");
        var value = hash.Value;
        return value == 0 ? 1 : value;
    }

    public override void Bind(RowBinder binder, AddressRecord record)
    {
        binder.Blob(1, record.Id);
        binder.Blob(2, record.AccessAddressId);
        binder.Text(3, record.KommuneCode);
        binder.Text(4, record.RoadCode);
        binder.Text(5, record.RoadName);
        binder.Text(6, record.AddressingRoadName);
        binder.Text(7, record.HouseNumber);
        binder.Text(8, record.Floor);
        binder.Text(9, record.Door);
        binder.Text(10, record.SupplementaryTownName);
        binder.Text(11, record.PostCode);
        binder.Text(12, record.PostCodeName);
        binder.Real(13, record.Entrance.X);
        binder.Real(14, record.Entrance.Y);
        binder.Real(15, record.RoadPoint?.X);
        binder.Real(16, record.RoadPoint?.Y);
        binder.Text(17, record.TextSpan(stackalloc char[256]));
    }

    /// <summary>Reads one record (history); the snapshot reads millions through <see cref="AddressSnapshotReader"/>.</summary>
    public override AddressRecord Read(SqliteDataReader reader, int offset)
    {
        string Shared(int ordinal) => reader.GetString(ordinal);
        string? SharedOrNull(int ordinal) => reader.IsDBNull(ordinal) ? null : Shared(ordinal);

        var id = reader.GetGuid(offset);
        var accessId = reader.GetGuid(offset + 1);
        return new AddressRecord(
            id,
            accessId,
            Shared(offset + 2),
            Shared(offset + 3),
            Shared(offset + 4),
            Shared(offset + 5),
            Shared(offset + 6),
            SharedOrNull(offset + 7),
            SharedOrNull(offset + 8),
            SharedOrNull(offset + 9),
            Shared(offset + 10),
            Shared(offset + 11),
            new UtmPoint(reader.GetDouble(offset + 12), reader.GetDouble(offset + 13)),
            reader.IsDBNull(offset + 14) ? null : new UtmPoint(reader.GetDouble(offset + 14), reader.GetDouble(offset + 15)),
            reader.GetString(offset + 16));
    }
}
