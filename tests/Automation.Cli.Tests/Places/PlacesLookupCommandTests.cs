using System.Text.Json.Nodes;

namespace Automation.Cli.Tests.Places;

/// <summary>The lookups scripts rely on: one JSON document on stdout, errors on stderr with exit 1.</summary>
public sealed class PlacesLookupCommandTests : IAsyncLifetime, IDisposable
{
    // Two addresses, one hospital and one alarm area (a square around Copenhagen's centre) are enough to see each
    // command's answer and shape; the real data is covered by the registry's own tests.
    private const string Addresses = """
        adgangsadresse_id,kommunekode,vejkode,vejnavn,adresseringsvejnavn,husnr,postnr,postnrnavn,etrs89_oest,etrs89_nord,betegnelse
        0a3f507a-8f2e-32b8-e044-0003ba298018,101,2992,Holmens Kanal,Holmens Kanal,2,1060,København K,725418.06,6176126.2,"Holmens Kanal 2, 1060 København K"
        310b95db-5871-471d-baf2-9e680b9f7df3,101,1484,Eliasgade,Eliasgade,10,2300,København S,727557.9,6174832.99,"Eliasgade 10, 2300 København S"
        """;

    private const string Hospitals = """
        id,name,kind,lat,lon,address,notes
        8721a214-f6bb-52c9-87ab-df561dab2369,Rigshospitalet,hospital-entrance,55.696,12.5666,"Blegdamsvej 9, 2100 København Ø",
        """;

    private const string Area = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"KOMKODE":"0101","KOMNAVN":"København"},
        "geometry":{"type":"Polygon","coordinates":[[[12.50,55.62],[12.65,55.62],[12.65,55.72],[12.50,55.72],[12.50,55.62]]]}}]}
        """;

    private readonly TempDirectory _dir = new();

    public async Task InitializeAsync()
    {
        var import = await CliProcess.RunAsync(_dir.Path, "places", "import", "--db", "p.db",
            _dir.Write("addresses.csv", Addresses), _dir.Write("hospitals.csv", Hospitals));
        var area = await CliProcess.RunAsync(_dir.Path, "places", "import", "--db", "p.db", "--area-kind", "alarm", _dir.Write("area.geojson", Area));
        Assert.True(import.ExitCode == 0 && area.ExitCode == 0, import + "\n" + area);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Search_PrefixOfStreet_PrintsJsonArrayWithIdTextPostnrAndBothCoordinates()
    {
        var result = await CliProcess.RunAsync(_dir.Path, "places", "search", "--db", "p.db", "--limit", "5", "eliasg");

        Assert.True(result.ExitCode == 0, result.ToString());
        var hit = Assert.Single(JsonNode.Parse(string.Join('\n', result.Stdout))!.AsArray())!;
        Assert.Equal("310b95db-5871-471d-baf2-9e680b9f7df3", hit["id"]!.GetValue<string>());
        Assert.Equal("Eliasgade 10, 2300 København S", hit["text"]!.GetValue<string>());
        Assert.Equal("2300", hit["postnr"]!.GetValue<string>());
        Assert.Equal(55.66590105, hit["lat"]!.GetValue<double>(), 6);
        Assert.Equal(12.61837276, hit["lon"]!.GetValue<double>(), 6);
        Assert.Equal(727557.9, hit["x"]!.GetValue<double>(), 1);
        Assert.Equal(6174832.99, hit["y"]!.GetValue<double>(), 1);
    }

    [Fact]
    public async Task ReverseAreaNearest_PointAtHolmensKanal_PrintTheAddressItsAlarmAreaAndTheHospital()
    {
        var reverse = await CliProcess.RunAsync(_dir.Path, "places", "reverse", "--db", "p.db", "--lat", "55.67849567", "--lon", "12.58548419", "--max-m", "100");
        var area = await CliProcess.RunAsync(_dir.Path, "places", "area", "--db", "p.db", "--lat", "55.67849567", "--lon", "12.58548419");
        var nearest = await CliProcess.RunAsync(_dir.Path, "places", "nearest", "--db", "p.db", "--lat", "55.67849567", "--lon", "12.58548419", "--k", "1");

        Assert.Equal("Holmens Kanal 2, 1060 København K", JsonNode.Parse(string.Join('\n', reverse.Stdout))!["address"]!["text"]!.GetValue<string>());
        Assert.Equal("København", JsonNode.Parse(string.Join('\n', area.Stdout))!["alarmAreas"]![0]!["name"]!.GetValue<string>());
        var hospital = JsonNode.Parse(string.Join('\n', nearest.Stdout))![0]!;
        Assert.Equal("Rigshospitalet", hospital["name"]!.GetValue<string>());
        Assert.InRange(hospital["distanceMetres"]!.GetValue<double>(), 1500, 3000);
    }

    [Fact]
    public async Task Area_LatLonSwapped_Exits1SayingSo()
    {
        var result = await CliProcess.RunAsync(_dir.Path, "places", "area", "--db", "p.db", "--lat", "12.58", "--lon", "55.67");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("swapped", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_MissingDatabase_Exits1NamingTheImportCommand()
    {
        var result = await CliProcess.RunAsync(_dir.Path, "places", "search", "--db", "missing.db", "holmens");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("automation places import", result.Stderr, StringComparison.Ordinal);
    }
}
