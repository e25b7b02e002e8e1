using Automation.Places.Model;
using Microsoft.Data.Sqlite;

namespace Automation.Places.Store;

/// <summary>Meeting points keyed by id; the location in EPSG:25832.</summary>
internal sealed class MeetingPointTable : RecordTable<MeetingPoint, Guid>
{
    public static MeetingPointTable Instance { get; } = new();

    public override string Name => "meeting_points";

    public override IReadOnlyList<string> Columns { get; } = ["id", "name", "kind", "x", "y", "address_id", "address_text", "notes"];

    public override (string Name, string Columns) Index => ("ix_meeting_points_id", "id");

    public override int KeyColumnCount => 1;

    public override Guid KeyOf(MeetingPoint record) => record.Id;

    public override Guid ReadKey(SqliteDataReader reader, int offset) => reader.GetGuid(offset);

    public override long Hash(MeetingPoint record)
    {
        var hash = ContentHash.Create();
        hash.Add(record.Name);
        hash.Add(record.Kind);
        hash.Add(record.Location.X);
        hash.Add(record.Location.Y);
        hash.Add(record.AddressId ?? Guid.Empty);
        hash.Add(record.AddressText);
        hash.Add(record.Notes);
        return hash.Value;
    }

    public override void Bind(RowBinder binder, MeetingPoint record)
    {
        binder.Blob(1, record.Id);
        binder.Text(2, record.Name);
        binder.Text(3, record.Kind);
        binder.Real(4, record.Location.X);
        binder.Real(5, record.Location.Y);
        binder.Blob(6, record.AddressId);
        binder.Text(7, record.AddressText);
        binder.Text(8, record.Notes);
    }

    public override MeetingPoint Read(SqliteDataReader reader, int offset) => new(
        reader.GetGuid(offset),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        new UtmPoint(reader.GetDouble(offset + 3), reader.GetDouble(offset + 4)),
        NullableGuid(reader, offset + 5),
        NullableString(reader, offset + 6),
        NullableString(reader, offset + 7));
}
