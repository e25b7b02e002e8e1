using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Tests.Import;

namespace Automation.Places.Tests.Store;

public sealed class PlacesStoreTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    private static AddressRecord Address(Guid id, string road = "Holmens Kanal", string number = "2") => new(
        id, id, "0101", "2992", road, road, number, null, null, null, "1060", "København K",
        new UtmPoint(725418.06, 6176126.2), null, $"{road} {number}, 1060 København K");

    [Fact]
    public async Task Write_ChangedRecord_GetsNewVersionAndOldVersionIsClosed()
    {
        var id = Guid.NewGuid();
        using (var batch = await _temp.Store.BeginAddressesAsync("first.csv"))
        {
            batch.Write(Address(id));
            batch.Commit();
        }

        _temp.Time.Now = _temp.Time.Now.AddDays(1);
        Automation.Places.Store.RecordOutcome outcome;
        using (var batch = await _temp.Store.BeginAddressesAsync("second.csv"))
        {
            outcome = batch.Write(Address(id, number: "4"));
            batch.Commit();
        }

        var history = await _temp.Store.GetAddressHistoryAsync(id);
        Assert.Equal(Automation.Places.Store.RecordOutcome.Changed, outcome);
        Assert.Equal([1, 2], history.Select(v => v.Version));
        Assert.Equal(_temp.Time.Now, history[0].ValidTo);
        Assert.Null(history[1].ValidTo);
        Assert.Equal("4", history[1].Record.HouseNumber);
        Assert.Equal("second.csv", history[1].Source);
        var snapshot = await _temp.Store.LoadSnapshotAsync();
        Assert.Equal("4", Assert.Single(snapshot.Addresses).HouseNumber);
    }

    [Fact]
    public async Task Dispose_WithoutCommit_WritesNothing()
    {
        using (var batch = await _temp.Store.BeginAddressesAsync("x.csv"))
        {
            batch.Write(Address(Guid.NewGuid()));
        }

        Assert.Equal(0, (await _temp.Store.CountAsync()).AddressVersions);
    }

    [Fact]
    public async Task Open_ExistingFile_KeepsData()
    {
        using (var batch = await _temp.Store.BeginAddressesAsync("x.csv"))
        {
            batch.Write(Address(Guid.NewGuid()));
            batch.Commit();
        }

        using var reopened = Automation.Places.Store.PlacesStore.Open(_temp.DatabasePath);

        Assert.Single((await reopened.LoadSnapshotAsync()).Addresses);
    }

    [Fact]
    public async Task LoadSnapshot_AfterImportingEverything_HoldsEveryKind()
    {
        var importer = new PlacesImporter(_temp.Store);
        await importer.ImportFileAsync(PlacesTestData.File("derived_dawa_test_adgangsadresser.csv"));
        await importer.ImportFileAsync(PlacesTestData.File("neogeografen_dagi_regioner.geojson"));
        await importer.ImportFileAsync(PlacesTestData.File("eurostat_gisco_healthcare_DK.csv"));

        var snapshot = await _temp.Store.LoadSnapshotAsync();

        Assert.Equal(1322, snapshot.Addresses.Count);
        Assert.Equal(5, snapshot.Areas.Count);
        Assert.All(snapshot.Areas, a => Assert.Equal(25832, a.Geometry.SRID));
        Assert.Equal(61, snapshot.MeetingPoints.Count);
        var holmens = snapshot.Addresses.Single(a => a.Id == Guid.Parse("0a3f507a-8f2e-32b8-e044-0003ba298018"));
        Assert.Equal("Holmens Kanal 2, 1060 København K", holmens.Text);
        Assert.Equal("0101", holmens.KommuneCode);
        Assert.Equal(new UtmPoint(725418.06, 6176126.2), holmens.Entrance);
    }

    [Fact]
    public async Task LoadSnapshot_RightAfterImportIntoEmptyStore_EqualsWhatTheFileHolds()
    {
        await new PlacesImporter(_temp.Store).ImportFileAsync(PlacesTestData.File("derived_dawa_test_adresser.csv"));

        var afterImport = await _temp.Store.LoadSnapshotAsync();
        using var reopened = Automation.Places.Store.PlacesStore.Open(_temp.DatabasePath);
        var fromFile = await reopened.LoadSnapshotAsync();

        Assert.True(afterImport.Addresses.Count > 1000);
        Assert.Equal(fromFile.Addresses, afterImport.Addresses);
    }

    [Fact]
    public async Task LoadSnapshot_AfterAnotherConnectionWrote_SeesItsWrite()
    {
        using (var batch = await _temp.Store.BeginAddressesAsync("first.csv"))
        {
            batch.Write(Address(Guid.NewGuid()));
            batch.Commit();
        }

        using (var other = Automation.Places.Store.PlacesStore.Open(_temp.DatabasePath))
        using (var batch = await other.BeginAddressesAsync("other.csv"))
        {
            batch.Write(Address(Guid.NewGuid(), number: "4"));
            batch.Commit();
        }

        var snapshot = await _temp.Store.LoadSnapshotAsync();

        Assert.Equal(["2", "4"], snapshot.Addresses.Select(a => a.HouseNumber).Order());
    }

    [Fact]
    public async Task LoadSnapshot_SecondTimeAfterImport_ReadsTheSameFromTheFile()
    {
        using (var batch = await _temp.Store.BeginAddressesAsync("first.csv"))
        {
            batch.Write(Address(Guid.NewGuid()) with { Floor = "st", Door = "", SupplementaryTownName = "Ærø" });
            batch.Commit();
        }

        var first = await _temp.Store.LoadSnapshotAsync();
        var second = await _temp.Store.LoadSnapshotAsync();

        Assert.Equal(first.Addresses, second.Addresses);
        Assert.Equal("", Assert.Single(second.Addresses).Door);
        Assert.Equal("Ærø", second.Addresses[0].SupplementaryTownName);
    }
}
