using Automation.Data.Queues;
using Automation.Engine.Persistence;
using Automation.Engine.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Data;

/// <summary>Registers the SQLite stores in place of the engine's in-memory ones.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Stores definitions, instances, bookmarks and the journal in the SQLite file at <paramref name="databasePath"/>.
    /// Works whether it is called before or after <c>AddAutomationEngine</c>. The file is migrated when the stores are
    /// first resolved; call <see cref="AutomationDatabase.MigrateAsync"/> before that to migrate without blocking.
    /// Disposing the service provider writes pending commits and closes the file.
    /// </summary>
    public static IServiceCollection AddAutomationSqlite(this IServiceCollection services, string databasePath)
    {
        if (string.IsNullOrWhiteSpace(databasePath))
        {
            throw new ArgumentException("The database path is empty; give a file path such as data/automation.db.", nameof(databasePath));
        }

        return services.AddAutomationSqlite(_ => databasePath);
    }

    /// <summary>
    /// The same, with the path decided when the stores are first resolved (for hosts whose configuration is only
    /// complete after the service collection is built, such as the server under test).
    /// </summary>
    public static IServiceCollection AddAutomationSqlite(this IServiceCollection services, Func<IServiceProvider, string> databasePath)
    {
        services.RemoveAll<AutomationDatabase>();
        services.RemoveAll<IInstanceStore>();
        services.RemoveAll<IDefinitionStore>();
        services.RemoveAll<IInstanceQueries>();
        services.AddSingleton(sp => AutomationDatabase.Open(databasePath(sp), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IInstanceQueries>(sp => sp.GetRequiredService<AutomationDatabase>().Instances);
        services.AddSingleton<IInstanceStore>(sp => sp.GetRequiredService<AutomationDatabase>().Instances);
        services.AddSingleton<IDefinitionStore>(sp => sp.GetRequiredService<AutomationDatabase>().Definitions);
        services.RemoveAll<IWorkQueueStore>();
        services.AddSingleton<IWorkQueueStore>(sp => new SqliteWorkQueueStore(
            sp.GetRequiredService<AutomationDatabase>, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<WorkQueueOptions>() ?? new WorkQueueOptions()));
        return services;
    }
}
