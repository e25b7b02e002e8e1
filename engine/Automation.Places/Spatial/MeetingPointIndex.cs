using Automation.Places.Model;

namespace Automation.Places.Spatial;

/// <summary>
/// The k nearest meeting points to a point, by straight-line distance, optionally only of one kind. Immutable and
/// safe to query from many threads: one packed 2-d tree over all points and one per kind, so a kind filter never
/// has to skip over other kinds.
/// </summary>
public sealed class MeetingPointIndex
{
    /// <summary>The largest k a query may ask for.</summary>
    public const int MaxK = 1000;

    private readonly MeetingPoint[] _points;
    private readonly StaticKdTree _all;
    private readonly Dictionary<string, StaticKdTree> _byKind;

    private MeetingPointIndex(MeetingPoint[] points, StaticKdTree all, Dictionary<string, StaticKdTree> byKind)
    {
        _points = points;
        _all = all;
        _byKind = byKind;
    }

    /// <summary>Number of meeting points.</summary>
    public int Count => _points.Length;

    /// <summary>The kinds present, sorted.</summary>
    public IReadOnlyList<string> Kinds => [.. _byKind.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Builds the index from the meeting points of a snapshot.</summary>
    public static MeetingPointIndex Build(IReadOnlyList<MeetingPoint> meetingPoints)
    {
        ArgumentNullException.ThrowIfNull(meetingPoints);
        var points = meetingPoints.ToArray();
        var all = TreeOf(points, Enumerable.Range(0, points.Length).ToArray());
        var byKind = points
            .Select((point, index) => (point.Kind, index))
            .GroupBy(p => p.Kind, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => TreeOf(points, [.. g.Select(p => p.index)]), StringComparer.OrdinalIgnoreCase);
        return new MeetingPointIndex(points, all, byKind);
    }

    /// <summary>
    /// Up to <paramref name="k"/> meeting points nearest to <paramref name="point"/>, nearest first (equal distances
    /// in snapshot order). With <paramref name="kind"/> only that kind (case-insensitive); an unknown kind gives an
    /// empty list.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is below 1 or above <see cref="MaxK"/>.</exception>
    public IReadOnlyList<MeetingPointHit> Nearest(UtmPoint point, int k, string? kind = null)
    {
        if (k is < 1 or > MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {MaxK}.");
        }

        StaticKdTree? tree = _all;
        if (kind is not null && !_byKind.TryGetValue(kind, out tree))
        {
            return [];
        }

        Span<int> items = k <= 64 ? stackalloc int[k] : new int[k];
        Span<double> distances = k <= 64 ? stackalloc double[k] : new double[k];
        var found = tree.NearestK(point.X, point.Y, items, distances);
        var hits = new MeetingPointHit[found];
        for (var i = 0; i < found; i++)
        {
            hits[i] = new MeetingPointHit(_points[items[i]], distances[i]);
        }

        return hits;
    }

    private static StaticKdTree TreeOf(MeetingPoint[] points, int[] indexes)
    {
        var xs = new double[indexes.Length];
        var ys = new double[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            xs[i] = points[indexes[i]].Location.X;
            ys[i] = points[indexes[i]].Location.Y;
        }

        return new StaticKdTree(xs, ys, indexes);
    }
}
