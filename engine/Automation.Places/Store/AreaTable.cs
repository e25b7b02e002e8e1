using Automation.Places.Model;
using Automation.Places.Projection;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace Automation.Places.Store;

/// <summary>Areas keyed by kind + code; the geometry is stored as WKB in EPSG:25832.</summary>
internal sealed class AreaTable : RecordTable<Area, (AreaKind Kind, string Code)>
{
    public static AreaTable Instance { get; } = new();

    public override string Name => "areas";

    public override IReadOnlyList<string> Columns { get; } = ["kind", "code", "name", "geometry"];

    public override (string Name, string Columns) Index => ("ix_areas_kind_code", "kind, code");

    public override int KeyColumnCount => 2;

    /// <summary>The kind as stored: lower-case, as the CLI spells it.</summary>
    public static string KindText(AreaKind kind) => kind switch
    {
        AreaKind.Kommune => "kommune",
        AreaKind.PostCode => "postcode",
        AreaKind.Region => "region",
        AreaKind.Alarm => "alarm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown area kind."),
    };

    public static AreaKind ParseKind(string text) => text switch
    {
        "kommune" => AreaKind.Kommune,
        "postcode" => AreaKind.PostCode,
        "region" => AreaKind.Region,
        "alarm" => AreaKind.Alarm,
        _ => throw new InvalidDataException($"Unknown area kind '{text}' in the store."),
    };

    public override (AreaKind Kind, string Code) KeyOf(Area record) => (record.Kind, record.Code);

    public override (AreaKind Kind, string Code) ReadKey(SqliteDataReader reader, int offset) =>
        (ParseKind(reader.GetString(offset)), reader.GetString(offset + 1));

    public override long Hash(Area record)
    {
        var hash = ContentHash.Create();
        hash.Add(KindText(record.Kind));
        hash.Add(record.Code);
        hash.Add(record.Name);
        hash.Add(ToWkb(record));
        return hash.Value;
    }

    public override void Bind(RowBinder binder, Area record)
    {
        binder.Text(1, KindText(record.Kind));
        binder.Text(2, record.Code);
        binder.Text(3, record.Name);
        binder.Blob(4, ToWkb(record));
    }

    public override Area Read(SqliteDataReader reader, int offset)
    {
        var geometry = new WKBReader(UtmProjection.UtmFactory.GeometryServices).Read((byte[])reader.GetValue(offset + 3));
        geometry.SRID = UtmProjection.Srid;
        return new Area(ParseKind(reader.GetString(offset)), reader.GetString(offset + 1), reader.GetString(offset + 2), geometry);
    }

    private static byte[] ToWkb(Area record) => new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false).Write(record.Geometry);
}
