using System.Globalization;
using Automation.Places.Projection;
using Automation.Places.Tests.Import;

namespace Automation.Places.Tests.Projection;

public sealed class UtmProjectionTests
{
    private static IEnumerable<(double East, double North, double Lat, double Lon)> SamplePairs()
    {
        var lines = File.ReadAllLines(PlacesTestData.File("derived_dawa_test_adgangsadresser.csv"));
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        foreach (var line in lines.Skip(1))
        {
            // The quoted betegnelse is the last column, so the numeric columns can be split plainly.
            var f = line.Split(',');
            double N(string name) => double.Parse(f[Col(name)], CultureInfo.InvariantCulture);
            yield return (N("etrs89_oest"), N("etrs89_nord"), N("wgs84_lat"), N("wgs84_lon"));
        }
    }

    [Fact]
    public void ToWgs84_EverySamplePair_MatchesWithin1e6Degrees()
    {
        var worst = 0.0;
        foreach (var (east, north, lat, lon) in SamplePairs())
        {
            var p = UtmProjection.Instance.ToWgs84(new Model.UtmPoint(east, north));
            worst = Math.Max(worst, Math.Max(Math.Abs(p.Lat - lat), Math.Abs(p.Lon - lon)));
        }

        Assert.True(worst < 1e-6, $"worst difference {worst}°");
    }

    [Fact]
    public void ToUtm_EverySamplePair_MatchesWithinOneDecimetre()
    {
        var worst = 0.0;
        foreach (var (east, north, lat, lon) in SamplePairs())
        {
            worst = Math.Max(worst, UtmProjection.Instance.ToUtm(lon, lat).DistanceTo(new Model.UtmPoint(east, north)));
        }

        Assert.True(worst < 0.1, $"worst difference {worst} m");
    }

    [Fact]
    public void ToUtm_ManyThreadsAtOnce_GiveTheSameAnswers()
    {
        var expected = UtmProjection.Instance.ToUtm(10.2, 56.15);

        var results = new System.Collections.Concurrent.ConcurrentBag<Model.UtmPoint>();
        Parallel.For(0, 20_000, _ => results.Add(UtmProjection.Instance.ToUtm(10.2, 56.15)));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
