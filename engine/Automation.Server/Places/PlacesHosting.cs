using Automation.Engine.Hosting;
using Automation.Places.Registry;
using Automation.Places.Store;
using Automation.Server.Hosting;
using Microsoft.Extensions.Options;
using NetTopologySuite.IO.Converters;

namespace Automation.Server.Places;

/// <summary>The place registry inside the server: its own SQLite file beside the engine's, lookups, activities.</summary>
public static class PlacesHosting
{
    /// <summary>Registers the store (data/places.db), the lookups and the place activities.</summary>
    public static IServiceCollection AddServerPlaces(this IServiceCollection services)
    {
        services.AddSingleton(sp => PlacesStore.Open(sp.GetRequiredService<IOptions<ServerOptions>>().Value.PlacesDatabasePath));
        services.AddSingleton<PlacesRegistry>();
        services.AddSingleton<PlacesLoader>();
        services.AddActivitiesFrom(typeof(PlacesRegistry).Assembly);
        // The planner page's map outlines are GeoJSON feature collections.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new GeoJsonConverterFactory()));
        return services;
    }

    /// <summary>Seeds the demo place data on first start, then builds the lookups from the store.</summary>
    public static async Task PreparePlacesAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var loader = app.Services.GetRequiredService<PlacesLoader>();
        await loader.SeedAsync(cancellationToken);
        await loader.ReloadAsync(cancellationToken);
    }
}
