using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Automation.Places.Store;

/// <summary>
/// A prepared INSERT bound through SQLite's C API (SQLitePCLRaw, which Microsoft.Data.Sqlite itself runs on). Bulk
/// imports bind about twenty values per row millions of times; going straight to sqlite3_bind_* skips the ADO.NET
/// parameter machinery (boxing, type inference per value), which was the largest cost of the write path.
/// Parameter positions are 1-based, as in SQLite.
/// </summary>
internal sealed class RowBinder : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RowBinder(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        if (value.Length == 0)
        {
            // An empty span could reach SQLite as a null pointer, which binds NULL; '' must stay ''.
            Check(raw.sqlite3_bind_text16(_statement, index, value));
            return;
        }

        // Bound as UTF-8, the database's encoding: handing SQLite UTF-16 made it convert every value itself, one
        // character at a time, which cost more than the vectorised .NET encoder does here.
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[1024] : new byte[max];
        var length = Encoding.UTF8.GetBytes(value, bytes);
        Check(raw.sqlite3_bind_text(_statement, index, bytes[..length]));
    }

    /// <summary>Binds non-null text given as a span (no string needed).</summary>
    public void Text(int index, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            Text(index, string.Empty);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[1024] : new byte[max];
        var length = Encoding.UTF8.GetBytes(value, bytes);
        Check(raw.sqlite3_bind_text(_statement, index, bytes[..length]));
    }

    public void Real(int index, double? value)
    {
        var rc = value is { } v ? raw.sqlite3_bind_double(_statement, index, v) : raw.sqlite3_bind_null(_statement, index);
        Check(rc);
    }

    public void Integer(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Blob(int index, Guid? value)
    {
        if (value is not { } guid)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        // The same 16-byte layout Microsoft.Data.Sqlite uses for Guid parameters (Guid.ToByteArray), so readers agree.
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        Check(raw.sqlite3_bind_blob(_statement, index, bytes));
    }

    public void Blob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement with the bound values and resets it for the next row.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
