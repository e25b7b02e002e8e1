using Automation.Places.Model;
using Automation.Places.Spatial;
using Automation.Places.Tests.SampleData;
using NetTopologySuite.Geometries;

namespace Automation.Places.Tests.Spatial;

public sealed class AreaLookupTests
{
    private static readonly Lazy<AreaLookup> Lookup = new(() => AreaLookup.Build(PlacesSample.Areas));
    private static readonly GeometryFactory Geometries = new(new PrecisionModel(), 25832);

    [Fact]
    public void Find_SampleAccessAddresses_1320Of1322LandInTheirOwnKommune()
    {
        var addresses = PlacesSample.AccessAddresses;

        var misses = addresses
            .Where(a => Lookup.Value.Find(a.Entrance, AreaKind.Kommune)?.Code != a.KommuneCode)
            .ToList();

        Assert.Equal(1322, addresses.Count);
        Assert.Equal(2, misses.Count);
        Assert.All(misses, m => Assert.True(m.PostCodeName is "Gadstrup" or "Havdrup", m.Text));
    }

    [Fact]
    public void TagAll_SampleAccessAddresses_SameAnswerAsOneByOne()
    {
        var addresses = PlacesSample.AccessAddresses;
        var points = addresses.Select(a => a.Entrance).ToArray();

        var tags = Lookup.Value.TagAll(points, AreaKind.Kommune, maxDegreeOfParallelism: 2);

        Assert.Equal(points.Select(p => Lookup.Value.Find(p, AreaKind.Kommune)?.Code), tags.Select(t => t?.Code));
        Assert.Equal(1320, addresses.Zip(tags).Count(pair => pair.First.KommuneCode == pair.Second?.Code));
    }

    [Fact]
    public void Find_RandomPointsOverDenmark_AgreesWithPlainGeometryTest()
    {
        var random = new Random(6);
        var areas = Lookup.Value.AreasOf(AreaKind.PostCode);
        var disagreements = 0;
        for (var i = 0; i < 3000; i++)
        {
            var point = new UtmPoint(440_000 + (random.NextDouble() * 460_000), 6_040_000 + (random.NextDouble() * 380_000));
            var geometryPoint = Geometries.CreatePoint(new Coordinate(point.X, point.Y));
            var expected = areas.Where(a => a.Geometry.Covers(geometryPoint)).Select(a => a.Code);

            var actual = Lookup.Value.FindAll(point, AreaKind.PostCode).Select(a => a.Code);

            if (!expected.SequenceEqual(actual))
            {
                disagreements++;
            }
        }

        Assert.Equal(0, disagreements);
    }

    [Fact]
    public void Locate_AarhusCityHall_ReturnsAarhusKommunePostCodeRegionAndAlarmArea()
    {
        var cityHall = PlacesSample.ToUtm(10.2039, 56.1530);

        var hits = Lookup.Value.Locate(cityHall);

        Assert.Equal(("0751", "Aarhus"), (hits.Kommune?.Code, hits.Kommune?.Name));
        Assert.Equal(("8000", "Aarhus C"), (hits.PostCode?.Code, hits.PostCode?.Name));
        Assert.Equal(("1082", "Region Midtjylland"), (hits.Region?.Code, hits.Region?.Name));
        Assert.Equal(["0751"], hits.AlarmAreas.Select(a => a.Code));
    }

    [Fact]
    public void Locate_CopenhagenCityHall_HasNoAlarmAreaOutsideRegionMidtjylland()
    {
        var cityHall = PlacesSample.ToUtm(12.5690, 55.6757);

        var hits = Lookup.Value.Locate(cityHall);

        Assert.Equal("0101", hits.Kommune?.Code);
        Assert.Equal("1084", hits.Region?.Code);
        Assert.Empty(hits.AlarmAreas);
    }

    [Fact]
    public void Locate_PointInTheNorthSea_FindsNoArea()
    {
        var sea = PlacesSample.ToUtm(7.0, 56.0);

        var hits = Lookup.Value.Locate(sea);

        Assert.Equal(new AreaHits(null, null, null, []), hits with { AlarmAreas = [] });
        Assert.Empty(hits.AlarmAreas);
    }

    [Fact]
    public void FindAll_OverlappingAlarmAreas_ReturnsBothAndBoundaryCountsAsInside()
    {
        var lookup = AreaLookup.Build(
        [
            new Area(AreaKind.Alarm, "A", "West", Square(0, 0, 1000)),
            new Area(AreaKind.Alarm, "B", "East", Square(600, 0, 1000)),
        ], cellSizeMetres: 100);

        Assert.Equal(["A", "B"], lookup.FindAll(new UtmPoint(800, 500), AreaKind.Alarm).Select(a => a.Code));
        Assert.Equal(["A"], lookup.FindAll(new UtmPoint(100, 500), AreaKind.Alarm).Select(a => a.Code));
        Assert.Equal(["A", "B"], lookup.FindAll(new UtmPoint(1000, 500), AreaKind.Alarm).Select(a => a.Code));
        Assert.Empty(lookup.FindAll(new UtmPoint(1700, 500), AreaKind.Alarm));
        Assert.Equal("A", lookup.Find(new UtmPoint(800, 500), AreaKind.Alarm)?.Code);
    }

    [Fact]
    public void Find_PolygonWithHole_PointInTheHoleIsOutside()
    {
        var shell = Geometries.CreateLinearRing([new(0, 0), new(3000, 0), new(3000, 3000), new(0, 3000), new(0, 0)]);
        var hole = Geometries.CreateLinearRing([new(1000, 1000), new(2000, 1000), new(2000, 2000), new(1000, 2000), new(1000, 1000)]);
        var lookup = AreaLookup.Build([new Area(AreaKind.Kommune, "0001", "Ring", Geometries.CreatePolygon(shell, [hole]))], cellSizeMetres: 100);

        Assert.Null(lookup.Find(new UtmPoint(1500, 1500), AreaKind.Kommune));
        Assert.Equal("0001", lookup.Find(new UtmPoint(500, 1500), AreaKind.Kommune)?.Code);
    }

    [Fact]
    public void Build_LineStringArea_ThrowsNamingTheArea()
    {
        var line = Geometries.CreateLineString([new(0, 0), new(10, 10)]);

        var error = Assert.Throws<ArgumentException>(() => AreaLookup.Build([new Area(AreaKind.Alarm, "X1", "Broken", line)]));

        Assert.Contains("Alarm X1 (Broken)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Polygon", error.Message, StringComparison.Ordinal);
    }

    private static Polygon Square(double x, double y, double size) => Geometries.CreatePolygon(
        [new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size), new(x, y)]);
}
