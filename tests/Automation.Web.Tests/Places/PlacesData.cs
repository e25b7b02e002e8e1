using Automation.Places.Import;
using Automation.Places.Model;
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
    // The files and how the server's first start imports them (engine/Automation.Server/Places/PlacesLoader.cs).
    private static readonly (string File, ImportOptions Options)[] Files =
    [
        ("derived_dawa_test_adgangsadresser.csv", new ImportOptions(ImportKind.Addresses)),
        ("derived_dawa_test_adresser.csv", new ImportOptions(ImportKind.Addresses)),
        ("neogeografen_dagi_regioner.geojson", new ImportOptions(ImportKind.Areas, AreaKind.Region)),
        ("neogeografen_dagi_kommuner.geojson", new ImportOptions(ImportKind.Areas, AreaKind.Kommune)),
        ("neogeografen_dagi_postnumre.geojson", new ImportOptions(ImportKind.Areas, AreaKind.PostCode)),
        ("derived_region_midtjylland_kommuner.geojson", new ImportOptions(ImportKind.Areas, AreaKind.Alarm)),
        ("eurostat_gisco_healthcare_DK.geojson", new ImportOptions(ImportKind.MeetingPoints, MeetingPointKind: MeetingPointKinds.HospitalEntrance)),
    ];

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
            var importer = new PlacesImporter(store);
            var folder = Path.Combine(Repository.Root, "seed", "places");
            foreach (var (file, options) in Files)
            {
                var result = await importer.ImportFileAsync(Path.Combine(folder, file), options);
                if (!result.Written)
                {
                    throw new InvalidOperationException($"Importing {file} wrote nothing: {result.Rejected} rejected, first: {(result.Problems.Count > 0 ? result.Problems[0] : null)}");
                }
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
