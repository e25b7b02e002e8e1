using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Definitions;

namespace Automation.Server.Tests.Places;

public sealed class PlacesApiTests(PlacesFixture fixture) : IClassFixture<PlacesFixture>
{
    private HttpClient Planner => fixture.Planner;

    [Fact]
    public async Task Search_PostCodeBeforeStreet_FindsTheAddressFirstWithBothCoordinateSystems()
    {
        var hits = await (await Planner.GetAsync("/api/places/search?q=1060%20holmens%20kanal%202&limit=5").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        var first = hits[0]!.AsObject();
        Assert.Equal("Holmens Kanal 2, 1060 København K", first["text"]!.GetValue<string>());
        Assert.Equal("1060", first["postnr"]!.GetValue<string>());
        Assert.Equal(55.67849567, first["lat"]!.GetValue<double>(), 6);
        Assert.Equal(12.58548419, first["lon"]!.GetValue<double>(), 6);
        Assert.Equal(725418.06, first["x"]!.GetValue<double>(), 1);
        Assert.Equal(6176126.2, first["y"]!.GetValue<double>(), 1);
    }

    [Fact]
    public async Task Areas_PointInAarhus_NamesKommunePostCodeRegionAndAlarmArea()
    {
        var areas = await (await Planner.GetAsync("/api/places/areas?lat=56.19&lon=10.17").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("0751", areas["kommune"]!["code"]!.GetValue<string>());
        Assert.Equal("8200", areas["postCode"]!["code"]!.GetValue<string>());
        Assert.Equal("Region Midtjylland", areas["region"]!["name"]!.GetValue<string>());
        Assert.Equal("Aarhus", Assert.Single(areas["alarmAreas"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nearest_PointBySkejby_ListsSkejbyFirstWithDistances()
    {
        var nearest = await (await Planner.GetAsync("/api/places/nearest?lat=56.19&lon=10.17&k=3&kind=hospital-entrance").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        Assert.Equal(3, nearest.Count);
        Assert.Contains("Skejby", nearest[0]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        var distances = nearest.Select(n => n!["distanceMetres"]!.GetValue<double>()).ToList();
        Assert.Equal(distances.Order().ToList(), distances);
        Assert.InRange(distances[0], 100, 500);
    }

    [Fact]
    public async Task Reverse_OwnPointOfAnAddress_ReturnsThatAddressAtZeroMetres()
    {
        var hit = await (await Planner.GetAsync("/api/places/reverse?lat=55.67849567&lon=12.58548419").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.StartsWith("Holmens Kanal 2", hit["address"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(hit["distanceMetres"]!.GetValue<double>() < 0.5);
    }

    [Fact]
    public async Task Reverse_NothingWithinMaxDistance_Answers404SayingHowToWiden()
    {
        // The North Sea off Thyborøn: no sample address within 50 m.
        var response = await Planner.GetAsync("/api/places/reverse?lat=56.7&lon=8.1&maxM=50");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("maxM", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Areas_LatAndLonSwapped_Answers400SayingSo()
    {
        var response = await Planner.GetAsync("/api/places/areas?lat=10.17&lon=56.19");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("swapped", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_AlarmAreas_IsGeoJsonOfTheNineteenMidtjyllandKommuner()
    {
        var map = await (await Planner.GetAsync("/api/places/map/alarm").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("FeatureCollection", map["type"]!.GetValue<string>());
        var features = map["features"]!.AsArray();
        Assert.Equal(19, features.Count);
        Assert.Contains(features, f => f!["properties"]!["name"]!.GetValue<string>() == "Aarhus");
        // RFC 7946: WGS84 lon/lat order.
        var lon = features[0]!["geometry"]!["coordinates"]![0]![0]![0]![0]!.GetValue<double>();
        Assert.InRange(lon, 8, 11.5);
    }

    [Fact]
    public async Task Places_Operator_IsRefused()
    {
        var operatorClient = await fixture.Server.SignedInAsAsync("operator-places", "Operator");

        var response = await operatorClient.GetAsync("/api/places/search?q=holmens");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PlaceActivities_FlowFromAddressText_FindsAlarmAreaAndNearestHospital()
    {
        var owner = await fixture.Server.SignedInAsAsync("owner-places", "ProcessOwner");
        await Api.PublishAsync(owner, """
        {
          "id": "places-route", "name": "Route a referral",
          "inputs": [{ "name": "address", "type": "string" }],
          "outputs": [{ "name": "area", "type": "string" }, { "name": "hospital", "type": "string" }],
          "variables": [{ "name": "address", "type": "object" }, { "name": "areas", "type": "object" }, { "name": "nearest", "type": "array" }],
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "lookup", "type": "LookupAddress", "inputs": { "query": { "js": "input.address" }, "resultVariable": "address" } },
              { "id": "area", "type": "FindArea", "inputs": { "lat": { "js": "variables.address.lat" }, "lon": { "js": "variables.address.lon" }, "resultVariable": "areas" } },
              { "id": "near", "type": "NearestMeetingPoints", "inputs": { "lat": { "js": "variables.address.lat" }, "lon": { "js": "variables.address.lon" }, "k": 1, "resultVariable": "nearest" } },
              { "id": "outArea", "type": "SetOutput", "inputs": { "output": "area", "value": { "js": "variables.areas.kommune.name" } } },
              { "id": "outHospital", "type": "SetOutput", "inputs": { "output": "hospital", "value": { "js": "variables.nearest[0].name" } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "lookup" } },
              { "source": { "activity": "lookup", "port": "Found" }, "target": { "activity": "area" } },
              { "source": { "activity": "area", "port": "Outside" }, "target": { "activity": "near" } },
              { "source": { "activity": "near", "port": "Done" }, "target": { "activity": "outArea" } },
              { "source": { "activity": "outArea", "port": "Done" }, "target": { "activity": "outHospital" } }
            ]
          }
        }
        """);

        var response = await Api.ExecuteAsync(owner, "places-route", new { input = new { address = "Eliasgade 10, 2300" } }).ExpectAsync(HttpStatusCode.OK);
        var result = await response.ReadObjectAsync();

        Assert.Equal("København", result["output"]!["area"]!.GetValue<string>());
        Assert.Contains("Amager", result["output"]!["hospital"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NewMeetingPoint_IsFoundByTheNextLookup()
    {
        var admin = await fixture.Server.AdminAsync();
        var csv = "id,name,kind,lat,lon,address,notes\n"
            + "5b0f6c1e-1d4c-4a59-9d47-3f1f6a2b9c01,Aarhus Rutebilstation – pick-up,pick-up-point,56.15098,10.21567,\"Fredensgade 45, 8000 Aarhus C\",Wait by stand 1\n";

        var response = await admin.PostAsync("/api/places/import?file=pickups.csv&kind=meeting-points", new StringContent(csv));
        var result = await response.ExpectAsyncOk();

        Assert.Equal(1, result["added"]!.GetValue<int>());
        var nearest = await (await Planner.GetAsync("/api/places/nearest?lat=56.1510&lon=10.2157&k=1&kind=pick-up-point").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        Assert.Equal("Aarhus Rutebilstation – pick-up", nearest[0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_FileWithABadRow_Answers422WithLineAndReasonAndWritesNothing()
    {
        var admin = await fixture.Server.AdminAsync();
        var csv = "id,name,kind,lat,lon,address,notes\n"
            + "0c7e3b52-5d59-4a71-a2d1-8b58b1f0e111,Good point,pick-up-point,56.2,10.1,,\n"
            + "0c7e3b52-5d59-4a71-a2d1-8b58b1f0e112,Swapped point,pick-up-point,10.1,56.2,,\n";

        var response = await admin.PostAsync("/api/places/import?file=bad.csv&kind=meeting-points", new StringContent(csv));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var result = await response.ReadObjectAsync();
        var problem = Assert.Single(result["problems"]!.AsArray())!;
        Assert.Equal("bad.csv", problem["file"]!.GetValue<string>());
        Assert.Equal(3, problem["line"]!.GetValue<int>());
        var near = await (await Planner.GetAsync("/api/places/nearest?lat=56.2&lon=10.1&k=1").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        Assert.NotEqual("Good point", near[0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_Planner_IsRefused()
    {
        var response = await Planner.PostAsync("/api/places/import?file=x.csv", new StringContent("a,b\n"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

internal static class PlacesCalls
{
    public static async Task<JsonObject> ExpectAsyncOk(this HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"Expected 200 but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("Empty body.");
    }
}
