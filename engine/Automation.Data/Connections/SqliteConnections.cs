using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Automation.Data.Connections;

/// <summary>How every connection to the database file is opened, so the writer, EF Core and other processes agree.</summary>
internal static class SqliteConnections
{
    /// <summary>How long a statement waits for another connection or process to release the write lock.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>
    /// Applied to every connection. WAL lets readers (EF Core, another CLI process) run while the writer commits.
    /// synchronous=NORMAL in WAL mode writes each commit to the WAL file before COMMIT returns, but fsyncs only at
    /// checkpoints: a committed transaction survives the process being killed (SIGKILL, crash), which is the
    /// failure the engine must survive; only a power loss or OS crash can lose the last commits, and never corrupts
    /// the file. FULL would fsync every commit and cap throughput at the disk's flush rate.
    /// busy_timeout makes a second process (CLI run and CLI resume on one file) wait for the lock instead of failing.
    /// </summary>
    public const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    /// <summary>Per-connection settings only: journal_mode is stored in the file once set, and changing it needs exclusive access.</summary>
    public const string ConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public static string ConnectionString(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = pooling,
        DefaultTimeout = BusyTimeoutMilliseconds / 1000,
    }.ToString();

    public static void Apply(DbConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public static async Task ApplyAsync(DbConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
