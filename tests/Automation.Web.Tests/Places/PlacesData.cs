using Automation.Places.Import;
using Automation.Places.Registry;
using Automation.Places.Store;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Web.Tests.Places;

/// <summary>
/// The demo place data (seed/places) imported once into the shared test server's own place store, the way its first
/// start does with seeding on. The fixture starts the server with seeding off (the shell's tests want an empty
/// server), so the planner page's tests bring the data they read. Importing through the store and rebuilding the
/// lookups once is several times faster than the import API, which rebuilds them after every file.
/// </summary>
internal static class PlacesData
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static WebAppServer? _seeded;

    public static async Task EnsureSeededAsync(WebAppServer server)
    {
        await Gate.WaitAsync();
        try
        {
            if (ReferenceEquals(_seeded, server))
            {
                return;
            }

            var store = server.Services.GetRequiredService<PlacesStore>();
            var folder = Path.Combine(Repository.Root, "seed", "places");
            var results = await DemoPlaceData.ImportAsync(new PlacesImporter(store), folder, missing: path => throw new FileNotFoundException($"Demo place file {path} is missing.", path));
            if (results.FirstOrDefault(r => !r.Written) is { } failed)
            {
                throw new InvalidOperationException($"Importing {failed.File} wrote nothing: {failed.Rejected} rejected, first: {(failed.Problems.Count > 0 ? failed.Problems[0] : null)}");
            }

            server.Services.GetRequiredService<PlacesRegistry>().Replace(await store.LoadSnapshotAsync());
            _seeded = server;
        }
        finally
        {
            Gate.Release();
        }
    }
}
