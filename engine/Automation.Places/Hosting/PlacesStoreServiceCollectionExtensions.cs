using Automation.Places.Import;
using Automation.Places.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Places.Hosting;

/// <summary>Registers the place-data store and importer.</summary>
public static class PlacesStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="PlacesStore"/> on the SQLite file <paramref name="dbPath"/> (opened on first use, tables
    /// created if missing) and a <see cref="PlacesImporter"/> writing into it. Uses the container's TimeProvider when
    /// there is one.
    /// </summary>
    public static IServiceCollection AddPlacesRegistry(this IServiceCollection services, string dbPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dbPath);
        services.AddSingleton(provider => PlacesStore.Open(dbPath, provider.GetService<TimeProvider>()));
        services.AddSingleton(provider => new PlacesImporter(provider.GetRequiredService<PlacesStore>()));
        return services;
    }
}
