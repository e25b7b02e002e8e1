using Automation.Places.Model;
using Microsoft.Data.Sqlite;

namespace Automation.Places.Store;

/// <summary>
/// The durable place-data store: one SQLite file with versioned addresses, areas and meeting points (plain
/// Microsoft.Data.Sqlite with prepared statements, so bulk imports run at SQLite's speed). The in-memory lookups are
/// built from <see cref="LoadSnapshotAsync"/>. One connection; writes and reads take turns.
/// </summary>
public sealed class PlacesStore : IDisposable
{
    /// <summary>SQLite page cache of the store's connection, in KiB (a bulk load into an empty table uses less).</summary>
    internal const int CacheKib = 256 * 1024;

    private readonly SqliteConnection _connection;
    // Records handed over from an import of at least this many addresses are worth a full garbage collection.
    private const int LargeImport = 100_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private bool _disposed;

    // The addresses a batch has just committed into an empty table (then exactly the table's content, in row order),
    // with the connection's data_version at that moment. The snapshot loaded right after an import takes them instead
    // of reading millions of rows back; any later write through this store drops them, and a commit by another
    // connection (another process on the same file) changes data_version, so then the snapshot reads the table as usual.
    private (List<AddressRecord> Records, long DataVersion)? _committedAddresses;

    private PlacesStore(string path, SqliteConnection connection, TimeProvider time)
    {
        DatabasePath = path;
        _connection = connection;
        _time = time;
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens (or creates) the store at <paramref name="path"/> and creates its tables if missing.</summary>
    /// <exception cref="InvalidOperationException">The file is not a places store this program can use.</exception>
    public static PlacesStore Open(string path, TimeProvider? timeProvider = null)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } directory && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder of the places database '{path}' does not exist; create it or choose another --db path.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                // WAL lets readers go on during an import; FULL makes each committed import survive a power cut.
                // A big page cache keeps the id index of millions of rows in memory during bulk imports; 16 KiB pages (only
                // applied to a new file) mean fewer B-tree pages for wide address rows.
                // Helper threads let the sort behind a bulk import's index build use the other cores.
                pragma.CommandText = $"PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -{CacheKib}; PRAGMA temp_store = MEMORY; PRAGMA busy_timeout = 5000; "
                    + $"PRAGMA threads = {Math.Clamp(Environment.ProcessorCount, 1, 4)};";
                pragma.ExecuteNonQuery();
            }

            StoreSchema.Ensure(connection, path);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InvalidOperationException($"Cannot open the places database '{path}': {ex.Message} Check that it is a SQLite file written by automation.", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new PlacesStore(full, connection, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Starts a transaction writing addresses from <paramref name="source"/> (e.g. the file name).</summary>
    public Task<PlacesWriteBatch<AddressRecord>> BeginAddressesAsync(string source, CancellationToken cancellationToken = default) =>
        BeginAsync(AddressTable.Instance, source, cancellationToken);

    /// <summary>Starts a transaction writing areas.</summary>
    public Task<PlacesWriteBatch<Area>> BeginAreasAsync(string source, CancellationToken cancellationToken = default) =>
        BeginAsync(AreaTable.Instance, source, cancellationToken);

    /// <summary>Starts a transaction writing meeting points.</summary>
    public Task<PlacesWriteBatch<MeetingPoint>> BeginMeetingPointsAsync(string source, CancellationToken cancellationToken = default) =>
        BeginAsync(MeetingPointTable.Instance, source, cancellationToken);

    /// <summary>The current version of every address, area and meeting point.</summary>
    public async Task<PlacesSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            var areas = ReadCurrent(transaction, AreaTable.Instance, AreaTable.Instance.Read, cancellationToken);
            var meetingPoints = ReadCurrent(transaction, MeetingPointTable.Instance, MeetingPointTable.Instance.Read, cancellationToken);

            // Checked after the reads above opened this transaction's view: unchanged means nobody else committed
            // since the batch did, so the kept records are what this view holds.
            var committed = _committedAddresses;
            _committedAddresses = null;
            List<AddressRecord> addresses;
            if (committed is { } kept && kept.DataVersion == DataVersion(transaction))
            {
                addresses = kept.Records;
            }
            else
            {
                addresses = AddressSnapshotReader.ReadCurrent(_connection, cancellationToken);
                if (addresses.Count >= LargeImport)
                {
                    // Reading every row filled the page cache (up to 256 MiB) with pages nobody reads again soon: give
                    // it back before the caller builds its indexes on top of the records.
                    using var shrink = _connection.CreateCommand();
                    shrink.Transaction = transaction;
                    shrink.CommandText = "PRAGMA shrink_memory";
                    shrink.ExecuteNonQuery();
                    NativeHeap.Trim();
                }
            }

            if (committed is not null && addresses.Count >= LargeImport)
            {
                // A large import has just finished: its duplicate-check dictionary and key set (~300 MB at 3.8 M
                // addresses, on the large object heap) are garbage now, but nothing makes a full collection come before
                // the caller builds its indexes, so they could count on top of them. One full collection (~0.3 s CPU at
                // 3.8 M) frees them for the index build's arrays. Not compacting: compacting the large object heap as
                // well cost more (0.4 s) and left the same resident size (1.18 vs 1.19 GB at 3.8 M).
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            }

            return new PlacesSnapshot(addresses, areas, meetingPoints);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The current meeting points only (the importer checks new ones against them for duplicates).</summary>
    public async Task<IReadOnlyList<MeetingPoint>> LoadMeetingPointsAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            return ReadCurrent(transaction, MeetingPointTable.Instance, MeetingPointTable.Instance.Read, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every stored version of address <paramref name="id"/>, oldest first.</summary>
    public Task<IReadOnlyList<StoredVersion<AddressRecord>>> GetAddressHistoryAsync(Guid id, CancellationToken cancellationToken = default) =>
        HistoryAsync(AddressTable.Instance, "id = $k0", [id], cancellationToken);

    /// <summary>Every stored version of an area, oldest first.</summary>
    public Task<IReadOnlyList<StoredVersion<Area>>> GetAreaHistoryAsync(AreaKind kind, string code, CancellationToken cancellationToken = default) =>
        HistoryAsync(AreaTable.Instance, "kind = $k0 AND code = $k1", [AreaTable.KindText(kind), code], cancellationToken);

    /// <summary>Every stored version of a meeting point, oldest first.</summary>
    public Task<IReadOnlyList<StoredVersion<MeetingPoint>>> GetMeetingPointHistoryAsync(Guid id, CancellationToken cancellationToken = default) =>
        HistoryAsync(MeetingPointTable.Instance, "id = $k0", [id], cancellationToken);

    /// <summary>How many current records and versions each table holds.</summary>
    public async Task<PlacesCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT count(*) FROM addresses WHERE valid_to IS NULL), (SELECT count(*) FROM addresses),
                       (SELECT count(*) FROM areas WHERE valid_to IS NULL), (SELECT count(*) FROM areas),
                       (SELECT count(*) FROM meeting_points WHERE valid_to IS NULL), (SELECT count(*) FROM meeting_points)
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            return new PlacesCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _connection.Dispose();
        _gate.Dispose();
    }

    internal async Task<WriteBatch<T, TKey>> BeginBatchAsync<T, TKey>(RecordTable<T, TKey> table, string source, CancellationToken cancellationToken, int expectedRecords = 0)
        where TKey : notnull
    {
        await EnterAsync(cancellationToken);
        Action<List<T>>? committedIntoEmpty = null;
        if (ReferenceEquals(table, AddressTable.Instance))
        {
            _committedAddresses = null;
            committedIntoEmpty = written => _committedAddresses = ((List<AddressRecord>)(object)written, DataVersion(transaction: null));
        }

        return new WriteBatch<T, TKey>(_connection, table, source, _time.GetUtcNow(), expectedRecords, () => _gate.Release(), committedIntoEmpty);
    }

    private async Task<PlacesWriteBatch<T>> BeginAsync<T, TKey>(RecordTable<T, TKey> table, string source, CancellationToken cancellationToken)
        where TKey : notnull =>
        await BeginBatchAsync(table, source, cancellationToken);

    /// <summary>SQLite's counter of commits by other connections to this file (own commits leave it alone).</summary>
    private long DataVersion(SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA data_version";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken);
    }

    private List<T> ReadCurrent<T, TKey>(SqliteTransaction transaction, RecordTable<T, TKey> table, Func<SqliteDataReader, int, T> read, CancellationToken cancellationToken)
        where TKey : notnull
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {string.Join(", ", table.Columns)} FROM {table.Name} WHERE valid_to IS NULL ORDER BY row_id";
        using var reader = command.ExecuteReader();
        var records = new List<T>();
        while (reader.Read())
        {
            if ((records.Count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            records.Add(read(reader, 0));
        }

        return records;
    }

    private async Task<IReadOnlyList<StoredVersion<T>>> HistoryAsync<T, TKey>(RecordTable<T, TKey> table, string where, object[] keys, CancellationToken cancellationToken)
        where TKey : notnull
    {
        await EnterAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", table.Columns)}, version, valid_from, valid_to, source FROM {table.Name} WHERE {where} ORDER BY version";
            for (var i = 0; i < keys.Length; i++)
            {
                // Ids are stored as 16-byte blobs (Guid.ToByteArray layout); a Guid parameter would bind as text.
                command.Parameters.AddWithValue("$k" + i, keys[i] is Guid guid ? guid.ToByteArray() : keys[i]);
            }

            using var reader = command.ExecuteReader();
            var versions = new List<StoredVersion<T>>();
            var n = table.Columns.Count;
            while (reader.Read())
            {
                versions.Add(new StoredVersion<T>(
                    table.Read(reader, 0),
                    reader.GetInt32(n),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(n + 1)),
                    reader.IsDBNull(n + 2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(n + 2)),
                    reader.GetString(n + 3)));
            }

            return versions;
        }
        finally
        {
            _gate.Release();
        }
    }
}
