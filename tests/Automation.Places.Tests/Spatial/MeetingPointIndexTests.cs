using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Spatial;
using Automation.Places.Tests.SampleData;

namespace Automation.Places.Tests.Spatial;

public sealed class MeetingPointIndexTests
{
    private static readonly UtmPoint CopenhagenCityHall = PlacesSample.ToUtm(12.5690, 55.6757);

    [Fact]
    public void Nearest_FourHospitalsToCopenhagenCityHall_AreTheCopenhagenHospitalsInDistanceOrder()
    {
        var index = MeetingPointIndex.Build(PlacesSample.Hospitals);

        var hits = index.Nearest(CopenhagenCityHall, 4);

        Assert.Equal(
            ["Rigshospitalet", "Bispebjerg og Frederiksberg Hospital – Frederiksberg", "Amager og Hvidovre Hospital – Amager", "Bispebjerg og Frederiksberg Hospital – Bispebjerg"],
            hits.Select(h => h.MeetingPoint.Name));
        Assert.Equal(hits.Select(h => h.DistanceMetres).Order(), hits.Select(h => h.DistanceMetres));
        Assert.All(hits, h => Assert.Equal(h.MeetingPoint.Location.DistanceTo(CopenhagenCityHall), h.DistanceMetres, 6));
        Assert.InRange(hits[0].DistanceMetres, 2000, 2600);
    }

    [Fact]
    public void Nearest_RandomPoints_MatchesSortingEveryDistance()
    {
        var hospitals = PlacesSample.Hospitals;
        var index = MeetingPointIndex.Build(hospitals);
        var random = new Random(5);
        for (var i = 0; i < 300; i++)
        {
            var query = new UtmPoint(440_000 + (random.NextDouble() * 460_000), 6_040_000 + (random.NextDouble() * 380_000));
            var k = 1 + random.Next(8);
            var expected = hospitals.OrderBy(h => h.Location.DistanceTo(query)).Take(k).Select(h => h.Id);

            var actual = index.Nearest(query, k).Select(h => h.MeetingPoint.Id);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Nearest_WithKind_ReturnsOnlyThatKind()
    {
        var pickUp = new MeetingPoint(Guid.NewGuid(), "Rådhuspladsen, stoppested", "pick-up-point", CopenhagenCityHall, null, null, "Holder ved busstoppet");
        var far = new MeetingPoint(Guid.NewGuid(), "Aarhus Banegård", "pick-up-point", PlacesSample.ToUtm(10.2045, 56.1503), null, null, null);
        var index = MeetingPointIndex.Build([.. PlacesSample.Hospitals, far, pickUp]);

        var pickUps = index.Nearest(CopenhagenCityHall, 5, "Pick-Up-Point");
        var all = index.Nearest(CopenhagenCityHall, 2);
        var hospitals = index.Nearest(CopenhagenCityHall, 1, MeetingPointKinds.HospitalEntrance);

        Assert.Equal(["Rådhuspladsen, stoppested", "Aarhus Banegård"], pickUps.Select(h => h.MeetingPoint.Name));
        Assert.Equal(["Rådhuspladsen, stoppested", "Rigshospitalet"], all.Select(h => h.MeetingPoint.Name));
        Assert.Equal(0, all[0].DistanceMetres);
        Assert.Equal(["Rigshospitalet"], hospitals.Select(h => h.MeetingPoint.Name));
        Assert.Equal([MeetingPointKinds.HospitalEntrance, "pick-up-point"], index.Kinds);
    }

    [Fact]
    public void Nearest_UnknownKind_ReturnsEmpty()
    {
        var index = MeetingPointIndex.Build(PlacesSample.Hospitals);

        Assert.Empty(index.Nearest(CopenhagenCityHall, 5, "helipad"));
    }

    [Fact]
    public void Nearest_KOutOfRange_ThrowsNamingK()
    {
        var index = MeetingPointIndex.Build(PlacesSample.Hospitals);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => index.Nearest(CopenhagenCityHall, 0));

        Assert.Equal("k", error.ParamName);
    }
}
