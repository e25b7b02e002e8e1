using System.Buffers;
using Microsoft.Data.Sqlite;

namespace Automation.Data.RunLog;

/// <summary>What is wrong at the first broken record.</summary>
public enum RunLogBreakKind
{
    /// <summary>A record's content no longer gives its hash, or its link to the one before was rewritten.</summary>
    Changed,

    /// <summary>A sequence number is missing: the record was deleted.</summary>
    Deleted,

    /// <summary>A record sits at another position than where it was chained (records swapped or moved).</summary>
    Reordered,

    /// <summary>The table ends before a checkpoint said it reached: the tail was cut off.</summary>
    Truncated,
}

/// <summary>The outcome of a verification.</summary>
/// <param name="Records">Records checked.</param>
/// <param name="HeadSequence">Last good record.</param>
/// <param name="HeadHash">Its hash (lower-case hex).</param>
/// <param name="BrokenSequence">First broken sequence number, or null when intact.</param>
/// <param name="Kind">What is wrong there.</param>
/// <param name="Detail">One sentence for a person.</param>
public sealed record RunLogVerification(long Records, long HeadSequence, string HeadHash, long? BrokenSequence, RunLogBreakKind? Kind, string? Detail)
{
    public bool IsIntact => BrokenSequence is null;

    /// <summary><c>OK: N records, head H</c> or <c>BROKEN at sequence S (kind): detail</c>.</summary>
    public override string ToString() => IsIntact
        ? $"OK: {Records} records, head {HeadHash}"
        : $"BROKEN at sequence {BrokenSequence} ({Kind?.ToString().ToLowerInvariant()}): {Detail}";
}

/// <summary>Walks the chain and the checkpoint file of a run log.</summary>
public static class RunLogVerifier
{
    /// <summary>Checks every record from the first, then every checkpoint.</summary>
    public static RunLogVerification VerifyAll(string databasePath) => Verify(databasePath, tailOnly: false);

    /// <summary>
    /// Checks from the last checkpoint to the head (start-up check: fast however long the log is), and that the
    /// record at the checkpoint still has the checkpoint's hash.
    /// </summary>
    public static RunLogVerification VerifyTail(string databasePath) => Verify(databasePath, tailOnly: true);

    private static RunLogVerification Verify(string databasePath, bool tailOnly)
    {
        // The common case, an intact log, takes the fast walk; any doubt goes to the careful walk that names the break.
        if (!tailOnly && File.Exists(databasePath) && RunLogFastWalk.TryVerify(databasePath, RunLogCheckpoints.Read(databasePath)) is { } intact)
        {
            return intact;
        }

        return VerifyCarefully(databasePath, tailOnly);
    }

    private static RunLogVerification VerifyCarefully(string databasePath, bool tailOnly)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"No database at {databasePath}; give the path of the server's SQLite file (--db).", databasePath);
        }

        var checkpoints = RunLogCheckpoints.Read(databasePath);
        using var connection = SqliteRunLog.OpenConnection(databasePath, readOnly: true);
        if (!TableExists(connection))
        {
            return checkpoints.Count == 0
                ? new RunLogVerification(0, 0, Hex(RunLogRow.ZeroHash), null, null, null)
                : new RunLogVerification(0, 0, Hex(RunLogRow.ZeroHash), 1, RunLogBreakKind.Truncated, $"the run_log table is gone, but a checkpoint says it reached sequence {checkpoints[^1].Sequence}");
        }

        long expected = 1;
        var running = RunLogRow.ZeroHash;
        long records = 0;
        var last = tailOnly && checkpoints.Count > 0 ? checkpoints[^1] : null;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var command = connection.CreateCommand();
        if (last is not null)
        {
            var atCheckpoint = Find(connection, last.Sequence);
            if (atCheckpoint is null)
            {
                var (head, _) = SqliteRunLog.ReadHead(connection);
                return head < last.Sequence
                    ? Broken(records, expected - 1, running, head + 1, RunLogBreakKind.Truncated, $"the log ends at sequence {head}, but a checkpoint of {last.WrittenAt:u} says it reached {last.Sequence}")
                    : Broken(records, expected - 1, running, last.Sequence, RunLogBreakKind.Deleted, $"record {last.Sequence}, named by the last checkpoint, is missing");
            }

            if (!Hex(atCheckpoint.Hash).Equals(last.Hash, StringComparison.Ordinal))
            {
                return Broken(records, expected - 1, running, last.Sequence, RunLogBreakKind.Changed, $"record {last.Sequence} has hash {Hex(atCheckpoint.Hash)}, the checkpoint of {last.WrittenAt:u} says {last.Hash}");
            }

            // The checkpoint vouches for the stored hash only: the record's content must still produce it.
            if (!atCheckpoint.ComputeHash(atCheckpoint.PreviousHash, buffer).AsSpan().SequenceEqual(atCheckpoint.Hash))
            {
                return Broken(records, expected - 1, running, last.Sequence, RunLogBreakKind.Changed, $"record {last.Sequence} ({atCheckpoint.EventType}) no longer matches its hash: its content was edited");
            }

            expected = last.Sequence + 1;
            running = atCheckpoint.Hash;
        }

        command.CommandText = $"{RunLogSchema.SelectColumns} WHERE seq >= $from ORDER BY seq";
        command.Parameters.AddWithValue("$from", expected);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var row = RunLogRow.Read(reader);
                if (row.Sequence != expected)
                {
                    return Broken(records, expected - 1, running, expected, RunLogBreakKind.Deleted,
                        row.Sequence - expected == 1 ? $"record {expected} is missing (the next is {row.Sequence})" : $"records {expected} to {row.Sequence - 1} are missing");
                }

                if (!row.PreviousHash.AsSpan().SequenceEqual(running))
                {
                    var movedFrom = FindByHash(connection, row.PreviousHash);
                    return movedFrom is { } from
                        ? Broken(records, expected - 1, running, row.Sequence, RunLogBreakKind.Reordered, $"record {row.Sequence} was chained after the record now at sequence {from}: records were swapped or moved")
                        : Broken(records, expected - 1, running, row.Sequence, RunLogBreakKind.Changed, $"record {row.Sequence} links to a previous hash that matches no record: it or the one before it was rewritten");
                }

                var hash = row.ComputeHash(running, buffer);
                if (!hash.AsSpan().SequenceEqual(row.Hash))
                {
                    return Broken(records, expected - 1, running, row.Sequence, RunLogBreakKind.Changed, $"record {row.Sequence} ({row.EventType}) no longer matches its hash: its content was edited");
                }

                running = hash;
                records++;
                expected++;
            }
        }

        var headSeq = expected - 1;
        if (!tailOnly)
        {
            // Every checkpoint must lie on the chain just verified.
            foreach (var checkpoint in checkpoints)
            {
                if (checkpoint.Sequence > headSeq)
                {
                    return Broken(records, headSeq, running, headSeq + 1, RunLogBreakKind.Truncated, $"the log ends at sequence {headSeq}, but a checkpoint of {checkpoint.WrittenAt:u} says it reached {checkpoint.Sequence}");
                }

                var row = Find(connection, checkpoint.Sequence);
                if (row is not null && !Hex(row.Hash).Equals(checkpoint.Hash, StringComparison.Ordinal))
                {
                    return Broken(records, headSeq, running, checkpoint.Sequence, RunLogBreakKind.Changed, $"record {checkpoint.Sequence} has hash {Hex(row.Hash)}, the checkpoint of {checkpoint.WrittenAt:u} says {checkpoint.Hash}: the chain was rewritten");
                }
            }
        }

        return new RunLogVerification(records, headSeq, Hex(running), null, null, null);
    }

    private static RunLogVerification Broken(long records, long headSeq, byte[] headHash, long at, RunLogBreakKind kind, string detail)
        => new(records, headSeq, Hex(headHash), at, kind, detail);

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static bool TableExists(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run_log'";
        return command.ExecuteScalar() is not null;
    }

    private static RunLogRow? Find(SqliteConnection connection, long sequence)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"{RunLogSchema.SelectColumns} WHERE seq = $seq";
        command.Parameters.AddWithValue("$seq", sequence);
        using var reader = command.ExecuteReader();
        return reader.Read() ? RunLogRow.Read(reader) : null;
    }

    // Only called on a break, so a full scan is acceptable.
    private static long? FindByHash(SqliteConnection connection, byte[] hash)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM run_log WHERE hash = $h LIMIT 1";
        command.Parameters.AddWithValue("$h", hash);
        return command.ExecuteScalar() is long seq ? seq : null;
    }
}
