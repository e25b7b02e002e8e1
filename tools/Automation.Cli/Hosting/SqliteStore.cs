using Automation.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Cli.Hosting;

/// <summary>The durable SQLite store (engine/Automation.Data) in place of the in-memory one.</summary>
internal static class SqliteStore
{
    /// <summary>Registers the store; the file is neither created nor opened yet.</summary>
    public static void Register(IServiceCollection services, string databasePath) => services.AddAutomationSqlite(databasePath);

    /// <summary>Creates or migrates the file and opens it.</summary>
    /// <exception cref="CliException">The path is a folder, or the file is not an Automation database.</exception>
    public static Task OpenAsync(IServiceProvider services, string databasePath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Resolving the database migrates it: once per process, before the runtime first touches the store.
            services.GetRequiredService<AutomationDatabase>();
        }
        catch (ArgumentException ex)
        {
            var reason = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            throw new CliException($"--db {databasePath}: {reason}", ex);
        }
        catch (SqliteException ex)
        {
            throw new CliException($"--db {databasePath}: cannot be opened as an Automation database ({ex.Message}); give the file 'automation run --db' wrote, or a new file name.", ex);
        }

        return Task.CompletedTask;
    }
}
