using System.Runtime.CompilerServices;
using System.Text.Json;
using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Projection;
using Automation.Places.Search;
using Automation.Places.Store;

namespace Automation.Places.Tests.SampleData;

/// <summary>
/// The real sample in <c>../shared/data/places</c> as the product sees it: once per test run every file is imported
/// with <see cref="PlacesImporter"/> into a temporary SQLite store and read back with
/// <see cref="PlacesStore.LoadSnapshotAsync"/>, so the tests that use it also exercise the real import path. The
/// snapshot is cached; the store file is removed as soon as it has been read.
/// </summary>
internal static class PlacesSample
{
    private static readonly Lazy<string> LazyFolder = new(() => Locate());
    private static readonly Lazy<PlacesSnapshot> LazySnapshot = new(() => Task.Run(ImportAsync).GetAwaiter().GetResult());
    private static readonly Lazy<IReadOnlyList<AddressRecord>> LazyUnits = new(() => [.. Snapshot.Addresses.Where(a => a.Id != a.AccessAddressId)]);
    private static readonly Lazy<IReadOnlyList<AddressRecord>> LazyAccess = new(() => [.. Snapshot.Addresses.Where(a => a.Id == a.AccessAddressId)]);
    private static readonly Lazy<AddressSearchIndex> LazyIndex = new(() => AddressSearchIndex.Build([.. Units, .. AccessAddresses]));
    private static readonly Lazy<AddressSearchIndex> LazyUnitIndex = new(() => AddressSearchIndex.Build(Units));

    /// <summary>The folder with the sample files.</summary>
    public static string Folder => LazyFolder.Value;

    /// <summary>Everything imported: both address files, the DAGI areas, the alarm areas and the hospitals.</summary>
    public static PlacesSnapshot Snapshot => LazySnapshot.Value;

    /// <summary>The 2,800 adresser (with floor/door where they have one).</summary>
    public static IReadOnlyList<AddressRecord> Units => LazyUnits.Value;

    /// <summary>The 1,322 adgangsadresser (Id = AccessAddressId, no floor/door).</summary>
    public static IReadOnlyList<AddressRecord> AccessAddresses => LazyAccess.Value;

    /// <summary>Kommuner, postal districts and regions (DAGI), plus the Region Midtjylland kommuner as alarm areas.</summary>
    public static IReadOnlyList<Area> Areas => Snapshot.Areas;

    /// <summary>The 61 hospital sites (kind <see cref="MeetingPointKinds.HospitalEntrance"/>); AddressText holds "street, postcode city".</summary>
    public static IReadOnlyList<MeetingPoint> Hospitals => Snapshot.MeetingPoints;

    /// <summary>One index over both address files, shared by the tests (it is immutable).</summary>
    public static AddressSearchIndex Index => LazyIndex.Value;

    /// <summary>An index over the 2,800 adresser only (where an adresse reads exactly like its adgangsadresse, the
    /// combined index rightly lists the adgangsadresse first).</summary>
    public static AddressSearchIndex UnitIndex => LazyUnitIndex.Value;

    /// <summary>The full path of a sample file.</summary>
    public static string File(string name) => Path.Combine(Folder, name);

    /// <summary>WGS84 longitude/latitude to EPSG:25832, with the product's projection.</summary>
    public static UtmPoint ToUtm(double lon, double lat) => UtmProjection.Instance.ToUtm(lon, lat);

    /// <summary>Current DAR 1.0 adressebetegnelse per adresse id, where it differs from our betegnelse.</summary>
    public static IReadOnlyDictionary<Guid, string> DarVariants()
    {
        var ours = Units.ToDictionary(u => u.Id);
        var variants = new Dictionary<Guid, string>();
        foreach (var line in System.IO.File.ReadLines(Path.Combine(Folder, "dawa_test_fixtures", "dar10_Adresse.ndjson")))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = Guid.Parse(root.GetProperty("id").GetString()!);
            if (root.GetProperty("virkningtil").ValueKind != JsonValueKind.Null
                || root.GetProperty("registreringtil").ValueKind != JsonValueKind.Null
                || !ours.TryGetValue(id, out var unit))
            {
                continue;
            }

            var text = root.GetProperty("adressebetegnelse").GetString()!;
            if (text != unit.Text)
            {
                variants[id] = text;
            }
        }

        return variants;
    }

    private static async Task<PlacesSnapshot> ImportAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "places-sample-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            using var store = PlacesStore.Open(Path.Combine(folder, "places.db"));
            var importer = new PlacesImporter(store);
            (string File, ImportOptions Options)[] files =
            [
                ("derived_dawa_test_adgangsadresser.csv", new ImportOptions()),
                ("derived_dawa_test_adresser.csv", new ImportOptions()),
                ("neogeografen_dagi_kommuner.geojson", new ImportOptions()),
                ("neogeografen_dagi_postnumre.geojson", new ImportOptions()),
                ("neogeografen_dagi_regioner.geojson", new ImportOptions()),
                ("derived_region_midtjylland_kommuner.geojson", new ImportOptions(AreaKind: AreaKind.Alarm)),
                ("eurostat_gisco_healthcare_DK.csv", new ImportOptions()),
            ];
            foreach (var (file, options) in files)
            {
                var result = await importer.ImportFileAsync(File(file), options);
                if (result.Rejected > 0 || result.Duplicates > 0 || result.Added == 0)
                {
                    throw new InvalidOperationException(
                        $"Importing the sample file {file} gave added {result.Added}, rejected {result.Rejected}, duplicates {result.Duplicates}; "
                        + "the importer or the sample data changed.");
                }
            }

            return await store.LoadSnapshotAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the OS cleans the temp folder.
            }
        }
    }

    /// <summary>Walks up from the test binaries and from this source file to the folder with Automation.sln.</summary>
    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "places");
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Automation.sln")) && Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("../shared/data/places not found above the test binaries; the tests need the shared sample data next to the repository.");
    }
}
