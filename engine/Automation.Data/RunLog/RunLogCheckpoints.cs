using System.Globalization;
using System.Text;

namespace Automation.Data.RunLog;

/// <summary>One line of the checkpoint file: the chain had this head at this time.</summary>
/// <param name="Sequence">Last record's sequence number.</param>
/// <param name="Hash">Its hash, lower-case hex.</param>
/// <param name="WrittenAt">When the checkpoint was written.</param>
public sealed record RunLogCheckpoint(long Sequence, string Hash, DateTimeOffset WrittenAt);

/// <summary>
/// The checkpoint file beside the database (<c>{db}.runlog-checkpoints</c>): one line <c>sequence hash time</c> per
/// checkpoint. The table alone cannot show that its last records were cut off; the file remembers how far it reached.
/// </summary>
public static class RunLogCheckpoints
{
    /// <summary>Reads every checkpoint of the database at <paramref name="databasePath"/> (none if there is no file).</summary>
    public static IReadOnlyList<RunLogCheckpoint> Read(string databasePath)
    {
        var path = RunLogSchema.CheckpointPath(databasePath);
        if (!File.Exists(path))
        {
            return [];
        }

        var list = new List<RunLogCheckpoint>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                || !DateTimeOffset.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                // A torn last line (power cut while writing) is skipped; the one before it still counts.
                continue;
            }

            list.Add(new RunLogCheckpoint(seq, parts[1], at));
        }

        return list;
    }

    /// <summary>Appends a checkpoint and flushes it to disk.</summary>
    internal static void Append(string databasePath, RunLogCheckpoint checkpoint)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Sequence} {checkpoint.Hash} {checkpoint.WrittenAt.UtcDateTime:O}\n");
        using var file = new FileStream(RunLogSchema.CheckpointPath(databasePath), FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(Encoding.ASCII.GetBytes(line));
        file.Flush(flushToDisk: true);
    }
}
