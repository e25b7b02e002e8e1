using Microsoft.Data.Sqlite;

namespace Automation.Places.Store;

/// <summary>
/// The store's tables, created on open. Each table keeps every version of a record: the current one has
/// <c>valid_to</c> null; a changed record closes the old row (sets <c>valid_to</c>) and adds a row with the next version.
/// Times are Unix milliseconds (UTC). Ids are 16-byte blobs; geometries WKB in EPSG:25832.
/// </summary>
internal static class StoreSchema
{
    /// <summary>Bumped when the tables change; a store written by a newer schema is refused.</summary>
    public const int Version = 1;

    private const string Bookkeeping = """
        version INTEGER NOT NULL,
        valid_from INTEGER NOT NULL,
        valid_to INTEGER NULL,
        source TEXT NOT NULL,
        content_hash INTEGER NOT NULL,
        dup_key INTEGER NOT NULL
        """;

    private const string Sql = $"""
        CREATE TABLE IF NOT EXISTS places_schema (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS addresses (
            row_id INTEGER PRIMARY KEY,
            id BLOB NOT NULL,
            access_address_id BLOB NOT NULL,
            kommune_code TEXT NOT NULL,
            road_code TEXT NOT NULL,
            road_name TEXT NOT NULL,
            addressing_road_name TEXT NOT NULL,
            house_number TEXT NOT NULL,
            floor TEXT NULL,
            door TEXT NULL,
            supplementary_town_name TEXT NULL,
            post_code TEXT NOT NULL,
            post_code_name TEXT NOT NULL,
            entrance_x REAL NOT NULL,
            entrance_y REAL NOT NULL,
            road_x REAL NULL,
            road_y REAL NULL,
            text TEXT NOT NULL,
            {Bookkeeping});
        CREATE INDEX IF NOT EXISTS ix_addresses_id ON addresses (id);
        CREATE TABLE IF NOT EXISTS areas (
            row_id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            geometry BLOB NOT NULL,
            {Bookkeeping});
        CREATE INDEX IF NOT EXISTS ix_areas_kind_code ON areas (kind, code);
        CREATE TABLE IF NOT EXISTS meeting_points (
            row_id INTEGER PRIMARY KEY,
            id BLOB NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            x REAL NOT NULL,
            y REAL NOT NULL,
            address_id BLOB NULL,
            address_text TEXT NULL,
            notes TEXT NULL,
            {Bookkeeping});
        CREATE INDEX IF NOT EXISTS ix_meeting_points_id ON meeting_points (id);
        """;

    public static void Ensure(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = Sql;
            create.ExecuteNonQuery();
        }

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT version FROM places_schema";
        var existing = read.ExecuteScalar();
        if (existing is null)
        {
            read.CommandText = $"INSERT INTO places_schema (version) VALUES ({Version})";
            read.ExecuteNonQuery();
        }
        else if (Convert.ToInt32(existing, System.Globalization.CultureInfo.InvariantCulture) > Version)
        {
            throw new InvalidOperationException(
                $"The places database '{path}' has schema version {existing}, newer than this program's {Version}; use a newer automation build or another --db file.");
        }

        transaction.Commit();
    }
}
