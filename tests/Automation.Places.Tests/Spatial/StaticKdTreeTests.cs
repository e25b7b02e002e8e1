using Automation.Places.Spatial;

namespace Automation.Places.Tests.Spatial;

public sealed class StaticKdTreeTests
{
    [Fact]
    public void Nearest_RandomClusteredPoints_MatchesBruteForceIncludingTies()
    {
        var random = new Random(3);
        const int Count = 5_000;
        var xs = new double[Count];
        var ys = new double[Count];

        // Coordinates on a 10 m grid, so many points coincide and many distances tie.
        for (var i = 0; i < Count; i++)
        {
            xs[i] = 700_000 + (random.Next(150) * 10);
            ys[i] = 6_100_000 + (random.Next(150) * 10);
        }

        var tree = new StaticKdTree(xs, ys, [.. Enumerable.Range(0, Count)]);
        for (var q = 0; q < 300; q++)
        {
            var x = 700_000 + (random.Next(160) * 10) - 50;
            var y = 6_100_000 + (random.Next(160) * 10);
            var expected = Enumerable.Range(0, Count)
                .Select(i => (Item: i, Distance: Math.Sqrt(((xs[i] - x) * (xs[i] - x)) + ((ys[i] - y) * (ys[i] - y)))))
                .OrderBy(p => p.Distance).ThenBy(p => p.Item)
                .Take(7)
                .ToArray();

            var nearest = tree.Nearest(x, y, 1_000, out var distance);
            var items = new int[7];
            var distances = new double[7];
            var found = tree.NearestK(x, y, items, distances);

            Assert.Equal((expected[0].Item, expected[0].Distance), (nearest, distance));
            Assert.Equal(7, found);
            Assert.Equal(expected.Select(e => e.Item), items);
            Assert.Equal(expected.Select(e => e.Distance), distances);
        }
    }

    [Fact]
    public void NearestK_MoreAskedThanStored_ReturnsAllNearestFirst()
    {
        var tree = new StaticKdTree([0, 30, 10], [0, 0, 0], [0, 1, 2]);
        var items = new int[5];
        var distances = new double[5];

        var found = tree.NearestK(1, 0, items, distances);

        Assert.Equal(3, found);
        Assert.Equal([0, 2, 1], items[..found]);
        Assert.Equal([1d, 9d, 29d], distances[..found]);
    }

    [Fact]
    public void Nearest_EmptyTree_FindsNothing()
    {
        var tree = new StaticKdTree([], [], []);

        Assert.Equal(-1, tree.Nearest(0, 0, double.MaxValue, out var distance));
        Assert.True(double.IsNaN(distance));
        Assert.Equal(0, tree.NearestK(0, 0, new int[3], new double[3]));
    }
}
