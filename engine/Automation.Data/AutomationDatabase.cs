using Automation.Data.Connections;
using Automation.Data.Definitions;
using Automation.Data.Instances;
using Automation.Data.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Automation.Data;

/// <summary>
/// One SQLite database file holding definitions, instances, bookmarks and the journal. Opening it applies pending
/// migrations; disposing it writes every commit still queued and closes the file. Several processes may open the
/// same file (a CLI run and a CLI resume): WAL mode and a busy timeout let them take turns writing.
/// </summary>
public sealed class AutomationDatabase : IAsyncDisposable, IDisposable
{
    private readonly CommitWriter _writer;
    private readonly string _pooledConnectionString;

    private AutomationDatabase(string path, TimeProvider clock)
    {
        Path = path;
        _pooledConnectionString = SqliteConnections.ConnectionString(path, pooling: true);
        var contexts = new PooledDbContextFactory<AutomationDbContext>(ContextOptions(_pooledConnectionString));
        _writer = new CommitWriter(path);
        Instances = new SqliteInstanceStore(_writer, contexts);
        Definitions = new SqliteDefinitionStore(contexts, clock);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Instances, bookmarks and journal.</summary>
    public SqliteInstanceStore Instances { get; }

    /// <summary>Definition drafts and published versions.</summary>
    public SqliteDefinitionStore Definitions { get; }

    /// <summary>Creates the file if needed, applies pending migrations and opens the stores.</summary>
    /// <param name="databasePath">The SQLite file, for example <c>data/automation.db</c>; its folder is created if missing.</param>
    /// <param name="clock">Time for the definitions' saved-at stamps; the system clock when null.</param>
    /// <param name="cancellationToken">Stops waiting for the migration.</param>
    public static async Task<AutomationDatabase> OpenAsync(string databasePath, TimeProvider? clock, CancellationToken cancellationToken)
    {
        var path = await MigrateAsync(databasePath, cancellationToken);
        return new AutomationDatabase(path, clock ?? TimeProvider.System);
    }

    /// <summary>
    /// Creates the file if needed and applies pending migrations, then returns its full path. Safe to call on every
    /// start and from several processes at once (EF Core takes a migration lock).
    /// </summary>
    public static async Task<string> MigrateAsync(string databasePath, CancellationToken cancellationToken)
    {
        var path = Prepare(databasePath);
        await using (var connection = new SqliteConnection(SqliteConnections.ConnectionString(path, pooling: false)))
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteConnections.ApplyAsync(connection, SqliteConnections.Pragmas, cancellationToken);
        }

        await using var db = new AutomationDbContext(ContextOptions(SqliteConnections.ConnectionString(path, pooling: false)));
        await db.Database.MigrateAsync(cancellationToken);
        return path;
    }

    /// <summary>The synchronous form of <see cref="OpenAsync"/>, for service registration, which cannot await.</summary>
    internal static AutomationDatabase Open(string databasePath, TimeProvider clock)
    {
        var path = Prepare(databasePath);
        using (var connection = new SqliteConnection(SqliteConnections.ConnectionString(path, pooling: false)))
        {
            connection.Open();
            SqliteConnections.Apply(connection, SqliteConnections.Pragmas);
        }

        using (var db = new AutomationDbContext(ContextOptions(SqliteConnections.ConnectionString(path, pooling: false))))
        {
            db.Database.Migrate();
        }

        return new AutomationDatabase(path, clock);
    }

    /// <summary>Writes the commits still queued, then closes every connection to the file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        ReleasePool();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        _writer.Dispose();
        ReleasePool();
    }

    private void ReleasePool()
    {
        // Pooled reader connections would otherwise keep the file (and its WAL) open after the database is disposed.
        using var connection = new SqliteConnection(_pooledConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static string Prepare(string databasePath)
    {
        if (string.IsNullOrWhiteSpace(databasePath))
        {
            throw new ArgumentException("The database path is empty; give a file path such as data/automation.db.", nameof(databasePath));
        }

        var path = System.IO.Path.GetFullPath(databasePath);
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"The database path '{path}' is a folder; give a file path inside it, such as {System.IO.Path.Combine(path, "automation.db")}.", nameof(databasePath));
        }

        if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return path;
    }

    private static DbContextOptions<AutomationDbContext> ContextOptions(string connectionString) =>
        new DbContextOptionsBuilder<AutomationDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(PragmaInterceptor.Instance)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
}
