using Automation.Places.Model;

namespace Automation.Places.Import;

/// <summary>
/// The demo place data in <c>seed/places</c> and how each file is imported: the server's first start imports it, and
/// tests that need the same data import it the same way. Files missing from the folder are skipped.
/// </summary>
public static class DemoPlaceData
{
    /// <summary>Each demo file and what it is imported as (seed/places/SOURCES.md says why each is there).</summary>
    public static IReadOnlyList<(string File, ImportOptions Options)> Files { get; } =
    [
        ("derived_dawa_test_adgangsadresser.csv", new ImportOptions(ImportKind.Addresses)),
        ("derived_dawa_test_adresser.csv", new ImportOptions(ImportKind.Addresses)),
        ("neogeografen_dagi_regioner.geojson", new ImportOptions(ImportKind.Areas, AreaKind.Region)),
        ("neogeografen_dagi_kommuner.geojson", new ImportOptions(ImportKind.Areas, AreaKind.Kommune)),
        ("neogeografen_dagi_postnumre.geojson", new ImportOptions(ImportKind.Areas, AreaKind.PostCode)),
        ("derived_region_midtjylland_kommuner.geojson", new ImportOptions(ImportKind.Areas, AreaKind.Alarm)),
        ("eurostat_gisco_healthcare_DK.geojson", new ImportOptions(ImportKind.MeetingPoints, MeetingPointKind: MeetingPointKinds.HospitalEntrance)),
    ];

    /// <summary>Imports every demo file found in <paramref name="folder"/>, in order; returns each file's result.</summary>
    /// <param name="importer">The importer over the store to fill.</param>
    /// <param name="folder">The seed folder, e.g. the repository's <c>seed/places</c>.</param>
    /// <param name="missing">Told the path of each listed file that is not in the folder.</param>
    /// <param name="cancellationToken">Stops between and inside files; a file cut short writes nothing.</param>
    public static async Task<IReadOnlyList<ImportResult>> ImportAsync(PlacesImporter importer, string folder, Action<string>? missing = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(importer);
        var results = new List<ImportResult>();
        foreach (var (file, options) in Files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                missing?.Invoke(path);
                continue;
            }

            results.Add(await importer.ImportFileAsync(path, options, progress: null, cancellationToken));
        }

        return results;
    }
}
