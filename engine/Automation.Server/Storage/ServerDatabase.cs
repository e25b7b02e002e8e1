using Automation.Server.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Storage;

/// <summary>Opens and migrates the server's tables in the engine's SQLite file.</summary>
internal static class ServerDatabase
{
    /// <summary>Applies pending migrations of the server's tables. The engine's migration runs first and sets WAL mode.</summary>
    public static async Task MigrateAsync(string databasePath, CancellationToken cancellationToken)
    {
        await using var db = new ServerDbContext(ContextOptions(ConnectionString(databasePath, pooling: false)));
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>A context factory over the data folder's database file.</summary>
    public static IServiceCollection AddServerStorage(this IServiceCollection services)
    {
        services.AddDbContextFactory<ServerDbContext>((sp, builder) =>
            Configure(builder, ConnectionString(sp.GetRequiredService<IOptions<ServerOptions>>().Value.DatabasePath, pooling: true)));
        return services;
    }

    public static DbContextOptions<ServerDbContext> ContextOptions(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ServerDbContext>();
        Configure(builder, connectionString);
        return builder.Options;
    }

    private static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(ServerDbContext.HistoryTable));

    // Like the engine's connections: a writer holding the lock makes us wait (up to 30 s) instead of failing.
    private static string ConnectionString(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = pooling,
        DefaultTimeout = 30,
    }.ToString();
}
