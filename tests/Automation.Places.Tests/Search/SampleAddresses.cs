using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Automation.Places.Model;
using Automation.Places.Search;
using CsvHelper;

namespace Automation.Places.Tests.Search;

/// <summary>
/// Test-only loader for the real DAWA-derived sample in <c>../shared/data/places</c>: the 2,800 adresser and
/// 1,322 adgangsadresser as <see cref="AddressRecord"/>s, and DAR 1.0's own <c>adressebetegnelse</c> strings that
/// differ from our betegnelse. Loaded once per test run.
/// </summary>
internal static class SampleAddresses
{
    private static readonly Lazy<string> LazyFolder = new(() => Locate());
    private static readonly Lazy<IReadOnlyList<AddressRecord>> LazyUnits = new(() => Read("derived_dawa_test_adresser.csv", units: true));
    private static readonly Lazy<IReadOnlyList<AddressRecord>> LazyAccess = new(() => Read("derived_dawa_test_adgangsadresser.csv", units: false));
    private static readonly Lazy<AddressSearchIndex> LazyIndex = new(() => AddressSearchIndex.Build([.. Units, .. AccessAddresses]));
    private static readonly Lazy<AddressSearchIndex> LazyUnitIndex = new(() => AddressSearchIndex.Build(Units));

    /// <summary>The 2,800 adresser (with floor/door where they have one).</summary>
    public static IReadOnlyList<AddressRecord> Units => LazyUnits.Value;

    /// <summary>The 1,322 adgangsadresser (Id = AccessAddressId, no floor/door).</summary>
    public static IReadOnlyList<AddressRecord> AccessAddresses => LazyAccess.Value;

    /// <summary>One index over both files, shared by the tests (it is immutable).</summary>
    public static AddressSearchIndex Index => LazyIndex.Value;

    /// <summary>An index over the 2,800 adresser only (where an adresse reads exactly like its adgangsadresse, the
    /// combined index rightly lists the adgangsadresse first).</summary>
    public static AddressSearchIndex UnitIndex => LazyUnitIndex.Value;

    /// <summary>Current DAR 1.0 adressebetegnelse per adresse id, where it differs from our betegnelse.</summary>
    public static IReadOnlyDictionary<Guid, string> DarVariants()
    {
        var ours = Units.ToDictionary(u => u.Id);
        var variants = new Dictionary<Guid, string>();
        foreach (var line in File.ReadLines(Path.Combine(LazyFolder.Value, "dawa_test_fixtures", "dar10_Adresse.ndjson")))
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

    private static List<AddressRecord> Read(string file, bool units)
    {
        using var text = new StreamReader(Path.Combine(LazyFolder.Value, file));
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default with { Separator = ',', HasHeader = true }, leaveOpen: true);
        var column = csv.Headers.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i, StringComparer.Ordinal);
        string Field(string name) => csv.GetString(column[name]);
        var records = new List<AddressRecord>();
        while (csv.Read())
        {
            var accessId = Guid.Parse(Field("adgangsadresse_id"));
            records.Add(new AddressRecord(
                units ? Guid.Parse(Field("adresse_id")) : accessId,
                accessId,
                Field("kommunekode").PadLeft(4, '0'),
                Field("vejkode"),
                Field("vejnavn"),
                Field("adresseringsvejnavn"),
                Field("husnr"),
                units ? NullIfEmpty(Field("etage")) : null,
                units ? NullIfEmpty(Field("doer")) : null,
                NullIfEmpty(Field("supplerendebynavn")),
                Field("postnr"),
                Field("postnrnavn"),
                new UtmPoint(Number(Field("etrs89_oest")), Number(Field("etrs89_nord"))),
                null,
                Field("betegnelse")));
        }

        return records;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
                {
                    var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "places"));
                    if (Directory.Exists(folder))
                    {
                        return folder;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException("The place data ../shared/data/places next to the repository root (the folder with Automation.sln) was not found.");
    }
}
