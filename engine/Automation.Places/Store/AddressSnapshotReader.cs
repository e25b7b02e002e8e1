using System.Text;
using Automation.Places.Model;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Automation.Places.Store;

/// <summary>
/// Reads the current addresses through SQLite's C API (as <see cref="RowBinder"/> writes them). Millions of rows with a
/// dozen text columns each: the values that repeat (codes, road and town names, floors, doors) are decoded into a
/// stack buffer and looked up in a pool by span, so a repeated value costs no allocation; only the betegnelse and the
/// first copy of each repeated value become new strings. Reading through ADO.NET allocated every value first.
/// </summary>
internal static class AddressSnapshotReader
{
    // Column positions in AddressTable.Columns.
    private const int Id = 0, AccessId = 1, Kommune = 2, RoadCode = 3, RoadName = 4, AddressingRoadName = 5, HouseNumber = 6, Floor = 7, Door = 8,
        Town = 9, PostCode = 10, PostCodeName = 11, EntranceX = 12, EntranceY = 13, RoadX = 14, RoadY = 15, Text = 16;

    public static List<AddressRecord> ReadCurrent(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var db = connection.Handle!;
        var sql = $"SELECT {string.Join(", ", AddressTable.Instance.Columns)} FROM {AddressTable.Instance.Name} WHERE valid_to IS NULL ORDER BY row_id";
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        using (statement)
        {
            var pool = new HashSet<string>(StringComparer.Ordinal);
            var lookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
            var buffer = new char[512];
            var records = new List<AddressRecord>();

            string Shared(int column)
            {
                var bytes = raw.sqlite3_column_blob(statement, column);
                if (Encoding.UTF8.GetMaxCharCount(bytes.Length) > buffer.Length)
                {
                    buffer = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
                }

                var chars = buffer.AsSpan(0, Encoding.UTF8.GetChars(bytes, buffer));
                if (lookup.TryGetValue(chars, out var shared))
                {
                    return shared;
                }

                shared = new string(chars);
                pool.Add(shared);
                return shared;
            }

            string? SharedOrNull(int column) => IsNull(column) ? null : Shared(column);
            bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;
            Guid ReadGuid(int column)
            {
                // Ids are written as 16-byte blobs; a store written by other tools may hold them as text.
                if (raw.sqlite3_column_type(statement, column) == raw.SQLITE_BLOB)
                {
                    var bytes = raw.sqlite3_column_blob(statement, column);
                    if (bytes.Length == 16)
                    {
                        return new Guid(bytes);
                    }
                }

                return Guid.Parse(Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, column)));
            }

            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((records.Count & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                records.Add(new AddressRecord(
                    ReadGuid(Id),
                    ReadGuid(AccessId),
                    Shared(Kommune),
                    Shared(RoadCode),
                    Shared(RoadName),
                    Shared(AddressingRoadName),
                    Shared(HouseNumber),
                    SharedOrNull(Floor),
                    SharedOrNull(Door),
                    SharedOrNull(Town),
                    Shared(PostCode),
                    Shared(PostCodeName),
                    new UtmPoint(raw.sqlite3_column_double(statement, EntranceX), raw.sqlite3_column_double(statement, EntranceY)),
                    IsNull(RoadX) ? null : new UtmPoint(raw.sqlite3_column_double(statement, RoadX), raw.sqlite3_column_double(statement, RoadY)),
                    Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, Text))));
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            return records;
        }
    }
}
