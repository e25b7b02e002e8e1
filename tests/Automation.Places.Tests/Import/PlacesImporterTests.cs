using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Projection;
using NetTopologySuite.Geometries;

namespace Automation.Places.Tests.Import;

public sealed class PlacesImporterTests : IDisposable
{
    private const string AddressHeader = "adgangsadresse_id,status,kommunekode,vejkode,vejnavn,adresseringsvejnavn,husnr,supplerendebynavn,postnr,postnrnavn,etrs89_oest,etrs89_nord,wgs84_lat,wgs84_lon,noejagtighed,tekniskstandard,betegnelse";
    private const string GoodRow = "0a3f507a-8f2e-32b8-e044-0003ba298018,1,101,2992,Holmens Kanal,Holmens Kanal,2,,1060,København K,725418.06,6176126.2,55.67849567,12.58548419,A,TD,\"Holmens Kanal 2, 1060 København K\"";

    private static readonly System.Text.Json.JsonSerializerOptions GeoJsonOptions = new() { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };

    private readonly TempStore _temp = new();
    private readonly PlacesImporter _importer;

    public PlacesImporterTests() => _importer = new PlacesImporter(_temp.Store);

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("derived_dawa_test_adgangsadresser.csv", ImportKind.Addresses, 1322)]
    [InlineData("derived_dawa_test_adresser.csv", ImportKind.Addresses, 2800)]
    [InlineData("neogeografen_dagi_kommuner.geojson", ImportKind.Areas, 99)]
    [InlineData("neogeografen_dagi_postnumre.geojson", ImportKind.Areas, 592)]
    [InlineData("neogeografen_dagi_regioner.geojson", ImportKind.Areas, 5)]
    [InlineData("eurostat_gisco_healthcare_DK.csv", ImportKind.MeetingPoints, 61)]
    [InlineData("eurostat_gisco_healthcare_DK.geojson", ImportKind.MeetingPoints, 61)]
    public async Task ImportFile_RealFile_AddsEveryRecordAndReimportChangesNothing(string name, ImportKind kind, int count)
    {
        var first = await _importer.ImportFileAsync(PlacesTestData.File(name));
        var second = await _importer.ImportFileAsync(PlacesTestData.File(name));

        Assert.Equal(kind, first.Kind);
        Assert.Equal((count, 0, 0, 0, 0), (first.Added, first.Changed, first.Unchanged, first.Rejected, first.Duplicates));
        Assert.Equal((0, 0, count, 0), (second.Added, second.Changed, second.Unchanged, second.Rejected));
    }

    [Fact]
    public async Task ImportFile_BothAddressFiles_AdresserWithoutFloorAreNotDuplicatesOfTheirAdgangsadresse()
    {
        await _importer.ImportFileAsync(PlacesTestData.File("derived_dawa_test_adgangsadresser.csv"));

        var units = await _importer.ImportFileAsync(PlacesTestData.File("derived_dawa_test_adresser.csv"));

        Assert.Equal((2800, 0), (units.Added, units.Duplicates));
        Assert.Equal(4122, (await _temp.Store.CountAsync()).CurrentAddresses);
    }

    [Fact]
    public async Task ImportFile_AlarmAreaKind_ImportsMidtjyllandKommunerAsAlarmAreas()
    {
        var result = await _importer.ImportFileAsync(PlacesTestData.File("derived_region_midtjylland_kommuner.geojson"), new ImportOptions(AreaKind: AreaKind.Alarm));

        var areas = (await _temp.Store.LoadSnapshotAsync()).Areas;
        Assert.Equal(19, result.Added);
        Assert.All(areas, a => Assert.Equal(AreaKind.Alarm, a.Kind));
        Assert.Contains(areas, a => a.Code == "0751" && a.Name == "Aarhus");
    }

    [Fact]
    public async Task ImportFile_KommuneWithIslands_IsOneValidMultiPolygonInUtm()
    {
        await _importer.ImportFileAsync(PlacesTestData.File("neogeografen_dagi_kommuner.geojson"));

        var areas = (await _temp.Store.LoadSnapshotAsync()).Areas;
        var samsoe = areas.Where(a => a.Code == "0741").ToList();
        var horsens = Assert.Single(areas, a => a.Code == "0615");
        var multi = Assert.IsType<MultiPolygon>(Assert.Single(samsoe).Geometry);
        Assert.True(multi.NumGeometries > 1);
        Assert.True(multi.IsValid);
        Assert.All(areas, a => Assert.True(a.Geometry.Coordinates.All(c => double.IsNaN(c.Z)), "Z must be dropped"));
        Assert.InRange(horsens.Geometry.Centroid.X, 500_000, 600_000);
        Assert.InRange(horsens.Geometry.Centroid.Y, 6_150_000, 6_250_000);
    }

    [Fact]
    public async Task ImportFile_GeoJsonToUtmAndBack_RoundTripsWithin1e6Degrees()
    {
        await _importer.ImportFileAsync(PlacesTestData.File("neogeografen_dagi_regioner.geojson"));
        using var original = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(PlacesTestData.File("neogeografen_dagi_regioner.geojson")));
        var sourcePositions = original.RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(f => f.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().SelectMany(r => r.EnumerateArray()))
            .Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble()))
            .ToList();

        var areas = (await _temp.Store.LoadSnapshotAsync()).Areas;
        var back = areas.SelectMany(a => UtmProjection.Instance.ToWgs84(a.Geometry).Coordinates).ToList();
        var geoJson = System.Text.Json.JsonSerializer.Serialize(UtmProjection.Instance.ToWgs84(areas[0].Geometry), GeoJsonOptions);

        Assert.Equal(sourcePositions.Count, back.Count);
        var index = new HashSet<(long, long)>(back.Select(c => ((long)Math.Round(c.X * 1e6), (long)Math.Round(c.Y * 1e6))));
        var misses = sourcePositions.Count(c => !index.Contains(((long)Math.Round(c.X * 1e6), (long)Math.Round(c.Y * 1e6)))
            && !back.Any(b => Math.Abs(b.X - c.X) < 1e-6 && Math.Abs(b.Y - c.Y) < 1e-6));
        Assert.Equal(0, misses);
        Assert.Contains("\"MultiPolygon\"", geoJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFile_ChangedAddress_CountsOneChangedWithNewVersion()
    {
        var path = _temp.Write("a.csv", AddressHeader + "\n" + GoodRow + "\n");
        await _importer.ImportFileAsync(path);
        _temp.Write("a.csv", AddressHeader + "\n" + GoodRow.Replace("725418.06", "725419.50", StringComparison.Ordinal) + "\n");

        var result = await _importer.ImportFileAsync(path);

        Assert.Equal((0, 1, 0), (result.Added, result.Changed, result.Unchanged));
        var history = await _temp.Store.GetAddressHistoryAsync(Guid.Parse("0a3f507a-8f2e-32b8-e044-0003ba298018"));
        Assert.Equal([1, 2], history.Select(h => h.Version));
        Assert.Equal(725419.50, history[1].Record.Entrance.X);
    }

    [Theory]
    [InlineData("not-a-uuid,1,101,2992,Holmens Kanal,Holmens Kanal,2,,1060,København K,725418.06,6176126.2,55.67849567,12.58548419,A,TD,x", "adgangsadresse_id", "is not a UUID")]
    [InlineData("0a3f507a-8f2e-32b8-e044-0003ba298099,1,101,2992,Holmens Kanal,Holmens Kanal,2,,1060,København K,72541x,6176126.2,55.67849567,12.58548419,A,TD,x", "etrs89_oest", "is not a number")]
    [InlineData("0a3f507a-8f2e-32b8-e044-0003ba298099,1,101,2992,Holmens Kanal,Holmens Kanal,2,,1060,København K,725418.06,6176126.2,12.58548419,55.67849567,A,TD,x", "wgs84_lat", "swapped")]
    [InlineData("0a3f507a-8f2e-32b8-e044-0003ba298099,1,101,2992,Holmens Kanal,Holmens Kanal,2,,1060,København K,6176126.2,725418.06,55.67849567,12.58548419,A,TD,x", "etrs89_oest", "swapped")]
    [InlineData("0a3f507a-8f2e-32b8-e044-0003ba298099,1,101,2992,Holmens Kanal,Holmens Kanal,2,,1060,København K,1725418.06,5176126.2,,,A,TD,x", "etrs89_oest", "outside Denmark")]
    [InlineData("0a3f507a-8f2e-32b8-e044-0003ba298099,1,101,2992,,Holmens Kanal,2,,1060,København K,725418.06,6176126.2,55.67849567,12.58548419,A,TD,x", "vejnavn", "is empty")]
    public async Task ImportFile_BadAddressRow_RejectsWithLineColumnReasonAndWritesNothing(string badRow, string column, string reason)
    {
        var path = _temp.Write("bad.csv", AddressHeader + "\n" + GoodRow + "\n" + badRow + "\n");

        var result = await _importer.ImportFileAsync(path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, 0, false), (result.Rejected, result.Added, result.Written));
        Assert.Equal((path, 3, column), (problem.File, problem.Line, problem.Column));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await _temp.Store.CountAsync()).AddressVersions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportFile_SameIdTwice_RejectsWithLineAndWritesNothing(bool storeHoldsItAlready)
    {
        if (storeHoldsItAlready)
        {
            await _importer.ImportFileAsync(_temp.Write("first.csv", AddressHeader + "\n" + GoodRow + "\n"));
        }

        var path = _temp.Write("twice.csv", AddressHeader + "\n" + GoodRow + "\n" + GoodRow + "\n");

        var result = await _importer.ImportFileAsync(path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, false, 3), (result.Rejected, result.Written, problem.Line));
        Assert.Contains("more than once", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(storeHoldsItAlready ? 1 : 0, (await _temp.Store.CountAsync()).AddressVersions);
    }

    [Fact]
    public async Task ImportFile_SameAddressTextUnderTwoIds_ReportsDuplicateAndKeepsOne()
    {
        var twin = GoodRow.Replace("0a3f507a-8f2e-32b8-e044-0003ba298018", "11111111-8f2e-32b8-e044-0003ba298018", StringComparison.Ordinal);
        var path = _temp.Write("twins.csv", AddressHeader + "\n" + GoodRow + "\n" + twin + "\n");

        var result = await _importer.ImportFileAsync(path);

        Assert.Equal((1, 1, 0), (result.Added, result.Duplicates, result.Rejected));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.False(problem.Rejected);
        Assert.Contains("line 2", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFile_SelfIntersectingPolygon_IsRejectedAndNothingWritten()
    {
        var path = _temp.Write("bowtie.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code":"A1","name":"Good","kind":"alarm"},"geometry":{"type":"Polygon","coordinates":[[[10.0,56.0],[10.1,56.0],[10.1,56.1],[10.0,56.1],[10.0,56.0]]]}},
            {"type":"Feature","properties":{"code":"A2","name":"Bowtie","kind":"alarm"},"geometry":{"type":"Polygon","coordinates":[[[10.0,56.0],[10.1,56.1],[10.1,56.0],[10.0,56.1],[10.0,56.0]]]}}
            ]}
            """);

        var result = await _importer.ImportFileAsync(path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, 3), (result.Rejected, problem.Line));
        Assert.Contains("self-intersecting", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await _temp.Store.CountAsync()).AreaVersions);
    }

    [Theory]
    [InlineData("[[[56.0,10.0],[56.0,10.1],[56.1,10.1],[56.1,10.0],[56.0,10.0]]]", "swapped")]
    [InlineData("[[[2.0,48.0],[2.1,48.0],[2.1,48.1],[2.0,48.1],[2.0,48.0]]]", "outside Denmark")]
    public async Task ImportFile_AreaWithBadCoordinates_IsRejectedWithReason(string rings, string reason)
    {
        var path = _temp.Write("bad.geojson", $$$"""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code":"A1","name":"X","kind":"alarm"},"geometry":{"type":"Polygon","coordinates":{{{rings}}}}}]}
            """);

        var result = await _importer.ImportFileAsync(path);

        Assert.Contains(reason, Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await _temp.Store.CountAsync()).AreaVersions);
    }

    [Fact]
    public async Task ImportFile_UnknownMeetingPointKind_IsRejected()
    {
        var path = _temp.Write("points.csv", "id,name,kind,lat,lon\n1,Skejby indgang C,hospital-entrance,56.19,10.17\n2,Somewhere,spaceport,56.2,10.2\n");

        var result = await _importer.ImportFileAsync(path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, "kind"), (problem.Line, problem.Column));
        Assert.Contains("unknown kind 'spaceport'", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await _temp.Store.CountAsync()).MeetingPointVersions);
    }

    [Fact]
    public async Task ImportFile_MeetingPointNearOneWithSimilarName_IsReportedAsDuplicate()
    {
        await _importer.ImportFileAsync(PlacesTestData.File("eurostat_gisco_healthcare_DK.csv"));
        var near = _temp.Write("near.csv", "id,name,kind,lat,lon\nx1,Amager Hospital,hospital-entrance,55.65495,12.62045\nx2,Amager Strandpark,pick-up-point,55.6549,12.6205\n");

        var result = await _importer.ImportFileAsync(near);

        Assert.Equal((1, 1), (result.Added, result.Duplicates));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("already in the store", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFile_UnknownFormat_ThrowsNamingTheFix()
    {
        var path = _temp.Write("notes.txt", "hello");

        var ex = await Assert.ThrowsAsync<ImportException>(() => _importer.ImportFileAsync(path));

        Assert.Contains("--kind", ex.Message, StringComparison.Ordinal);
    }
}
