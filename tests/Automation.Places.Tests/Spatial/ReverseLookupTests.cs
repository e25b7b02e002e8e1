using Automation.Places.Model;
using Automation.Places.Spatial;
using Automation.Places.Tests.SampleData;

namespace Automation.Places.Tests.Spatial;

public sealed class ReverseLookupTests
{
    private static readonly Lazy<ReverseLookup> Lookup = new(() => ReverseLookup.Build(PlacesSample.AccessAddresses));

    [Fact]
    public void Nearest_EachSampleAddressOwnPoint_ReturnsThatAddressAtZeroMetres()
    {
        var addresses = PlacesSample.AccessAddresses;

        var wrong = addresses
            .Where(a => Lookup.Value.Nearest(a.Entrance, 1) is not { } hit || hit.Address.Id != a.Id || hit.DistanceMetres != 0)
            .Select(a => a.Text)
            .ToList();

        Assert.Empty(wrong);
        Assert.Equal(1322, Lookup.Value.Count);
    }

    [Fact]
    public void Nearest_RandomPointsNearSample_MatchesBruteForceAndRespectsMaxDistance()
    {
        var addresses = PlacesSample.AccessAddresses;
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var near = addresses[random.Next(addresses.Count)].Entrance;
            var query = new UtmPoint(near.X + ((random.NextDouble() - 0.5) * 2000), near.Y + ((random.NextDouble() - 0.5) * 2000));
            var expected = addresses.Min(a => a.Entrance.DistanceTo(query));

            var hit = Lookup.Value.Nearest(query, 5000);
            var tooShort = Lookup.Value.Nearest(query, expected - 0.001);

            Assert.NotNull(hit);
            Assert.Equal(expected, hit.DistanceMetres, 6);
            Assert.Equal(expected, hit.Address.Entrance.DistanceTo(query), 6);
            Assert.Null(tooShort);
        }
    }

    [Fact]
    public void Nearest_PointFarFromEveryAddress_ReturnsNothing()
    {
        var northSea = PlacesSample.ToUtm(7.0, 56.0);

        Assert.Null(Lookup.Value.Nearest(northSea, 10_000));
    }

    [Fact]
    public void Nearest_UnitsOfOneBuilding_ReturnsTheAccessAddressRecordWhenPresent()
    {
        var units = PlacesSample.Units;
        var lookup = ReverseLookup.Build([.. units, .. PlacesSample.AccessAddresses]);
        var holmensKanal = units.First(u => u.Text == "Holmens Kanal 2, 1., 1060 København K");

        var hit = lookup.Nearest(holmensKanal.Entrance, 1);

        Assert.Equal(1322, lookup.Count);
        Assert.Equal("Holmens Kanal 2, 1060 København K", hit?.Address.Text);
        Assert.True(hit?.Address.IsAccessAddress);
    }

    [Fact]
    public void Nearest_ByRoadPoint_MeasuresToTheRoadPointAndSkipsAddressesWithoutOne()
    {
        var withRoad = Address("Vej 1", new UtmPoint(1000, 1000), new UtmPoint(1000, 1100));
        var withoutRoad = Address("Vej 3", new UtmPoint(1000, 1150), null);
        var lookup = ReverseLookup.Build([withRoad, withoutRoad]);

        var byEntrance = lookup.Nearest(new UtmPoint(1000, 1110), 500);
        var byRoad = lookup.Nearest(new UtmPoint(1000, 1110), 500, AddressPointKind.RoadPoint);

        Assert.Equal(("Vej 3", 40d), (byEntrance?.Address.Text, byEntrance?.DistanceMetres));
        Assert.Equal(("Vej 1", 10d, new UtmPoint(1000, 1100)), (byRoad?.Address.Text, byRoad?.DistanceMetres, byRoad?.Point));
    }

    [Fact]
    public void Nearest_NegativeMaxDistance_ThrowsNamingTheArgument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Lookup.Value.Nearest(new UtmPoint(0, 0), -1));

        Assert.Equal("maxDistanceMetres", error.ParamName);
    }

    private static AddressRecord Address(string text, UtmPoint entrance, UtmPoint? road)
    {
        var id = Guid.NewGuid();
        return new AddressRecord(id, id, "0101", "1", "Vej", "Vej", "1", null, null, null, "1000", "By", entrance, road, text);
    }
}
