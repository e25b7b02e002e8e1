using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using SQLitePCL;

namespace Automation.Data.RunLog;

/// <summary>
/// Walks the whole chain straight on SQLite's column buffers (no string or array per row): returns the OK result
/// if every record and checkpoint holds, else null, and <see cref="RunLogVerifier"/> walks again to name the break.
/// Must hash exactly what <see cref="RunLogRow"/> hashes: TEXT is stored as the same UTF-8 bytes the writer hashed.
/// </summary>
internal static class RunLogFastWalk
{
    public static RunLogVerification? TryVerify(string databasePath, IReadOnlyList<RunLogCheckpoint> checkpoints)
    {
        using var connection = SqliteRunLog.OpenConnection(databasePath, readOnly: true);
        var db = connection.Handle!;
        if (raw.sqlite3_prepare_v2(db, RunLogSchema.SelectColumns + " ORDER BY seq", out var stmt) != raw.SQLITE_OK)
        {
            return null;
        }

        var byCheckpoint = new Dictionary<long, string>();
        foreach (var checkpoint in checkpoints)
        {
            if (byCheckpoint.TryGetValue(checkpoint.Sequence, out var other) && other != checkpoint.Hash)
            {
                return null;
            }

            byCheckpoint[checkpoint.Sequence] = checkpoint.Hash;
        }

        using (stmt)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            Span<byte> running = stackalloc byte[32];
            Span<byte> hash = stackalloc byte[32];
            long expected = 1;
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                if (raw.sqlite3_column_int64(stmt, 0) != expected
                    || !raw.sqlite3_column_blob(stmt, 13).SequenceEqual(running))
                {
                    return null;
                }

                buffer.ResetWrittenCount();
                Write(buffer, running);
                for (var column = 0; column <= 12; column++)
                {
                    switch (column)
                    {
                        case 0 or 1:
                            WriteInt64(buffer, raw.sqlite3_column_int64(stmt, column));
                            break;
                        case 8:
                            WriteInt64(buffer, raw.sqlite3_column_type(stmt, column) == raw.SQLITE_NULL ? -1 : raw.sqlite3_column_int64(stmt, column));
                            break;
                        default:
                            WriteText(buffer, stmt, column);
                            break;
                    }
                }

                SHA256.HashData(buffer.WrittenSpan, hash);
                if (!raw.sqlite3_column_blob(stmt, 14).SequenceEqual(hash))
                {
                    return null;
                }

                hash.CopyTo(running);
                if (byCheckpoint.TryGetValue(expected, out var pinned) && !Convert.ToHexStringLower(hash).Equals(pinned, StringComparison.Ordinal))
                {
                    return null;
                }

                expected++;
            }

            var head = expected - 1;
            if (rc != raw.SQLITE_DONE || checkpoints.Any(c => c.Sequence > head))
            {
                return null;
            }

            return new RunLogVerification(head, head, Convert.ToHexStringLower(running), null, null, null);
        }
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, sqlite3_stmt stmt, int column)
    {
        if (raw.sqlite3_column_type(stmt, column) == raw.SQLITE_NULL)
        {
            WriteInt32(buffer, -1);
            return;
        }

        var bytes = raw.sqlite3_column_blob(stmt, column);
        WriteInt32(buffer, bytes.Length);
        Write(buffer, bytes);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }
}
