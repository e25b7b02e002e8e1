using Automation.Places.Model;
using Automation.Places.Spatial;
using Automation.Places.Tests.SampleData;

namespace Automation.Places.Tests.Spatial;

public sealed class SpatialIndexTests
{
    [Fact]
    public void Build_SampleSnapshot_AnswersAllThreeLookupsForOneAddress()
    {
        var snapshot = new PlacesSnapshot(PlacesSample.AccessAddresses, PlacesSample.Areas, PlacesSample.Hospitals);
        var eliasgade = PlacesSample.AccessAddresses.First(a => a.Text == "Eliasgade 10, 2300 København S");

        var index = SpatialIndex.Build(snapshot);

        Assert.Equal(eliasgade.Id, index.Addresses.Nearest(eliasgade.Entrance, 10)?.Address.Id);
        Assert.Equal("0101", index.Areas.Find(eliasgade.Entrance, AreaKind.Kommune)?.Code);
        Assert.Equal("Amager og Hvidovre Hospital – Amager", index.MeetingPoints.Nearest(eliasgade.Entrance, 1)[0].MeetingPoint.Name);
    }

    [Fact]
    public void Build_AreaWithBadGeometry_ThrowsArgumentExceptionNamingIt()
    {
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        var point = factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(1, 1));
        var snapshot = new PlacesSnapshot([], [new Area(AreaKind.PostCode, "9999", "Nowhere", point)], []);

        var error = Assert.Throws<ArgumentException>(() => SpatialIndex.Build(snapshot));

        Assert.Contains("PostCode 9999 (Nowhere)", error.Message, StringComparison.Ordinal);
    }
}
