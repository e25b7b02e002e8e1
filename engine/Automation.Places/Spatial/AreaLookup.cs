using Automation.Places.Model;

namespace Automation.Places.Spatial;

/// <summary>
/// Which kommune, postal district, region and alarm area(s) contain a point. Immutable and safe to query from many
/// threads. A point on a boundary counts as inside. Built per <see cref="AreaKind"/> from the snapshot's areas.
/// </summary>
public sealed class AreaLookup
{
    /// <summary>Default grid cell edge in metres: small enough that most addresses fall in cells no boundary crosses.</summary>
    public const double DefaultCellSizeMetres = 500;

    private const int MaxCellsPerKind = 2_000_000;

    private readonly Dictionary<AreaKind, AreaGrid> _grids;

    private AreaLookup(Dictionary<AreaKind, AreaGrid> grids) => _grids = grids;

    /// <summary>Builds the lookup. Every area must be a non-empty Polygon or MultiPolygon in EPSG:25832.</summary>
    /// <param name="areas">The areas, all kinds mixed; their order decides which one wins where areas overlap.</param>
    /// <param name="cellSizeMetres">Grid cell edge; larger cells build faster and answer slower.</param>
    /// <exception cref="ArgumentException">An area's geometry is not polygonal; the message names the area.</exception>
    public static AreaLookup Build(IReadOnlyList<Area> areas, double cellSizeMetres = DefaultCellSizeMetres)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (!(cellSizeMetres > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSizeMetres), cellSizeMetres, "The cell size must be more than 0 metres.");
        }

        var grids = new Dictionary<AreaKind, AreaGrid>();
        foreach (var kind in Enum.GetValues<AreaKind>())
        {
            var ofKind = areas.Where(a => a.Kind == kind).ToArray();
            grids[kind] = AreaGrid.Build(ofKind, cellSizeMetres, MaxCellsPerKind);
        }

        return new AreaLookup(grids);
    }

    /// <summary>The areas of one kind, in snapshot order.</summary>
    public IReadOnlyList<Area> AreasOf(AreaKind kind) => _grids[kind].Areas;

    /// <summary>The kommune, postal district, region and alarm areas containing <paramref name="point"/>.</summary>
    public AreaHits Locate(UtmPoint point) => new(
        Find(point, AreaKind.Kommune),
        Find(point, AreaKind.PostCode),
        Find(point, AreaKind.Region),
        FindAll(point, AreaKind.Alarm));

    /// <summary>The first area of <paramref name="kind"/> (in snapshot order) containing the point, or null.</summary>
    public Area? Find(UtmPoint point, AreaKind kind)
    {
        var grid = _grids[kind];
        var index = grid.First(point.X, point.Y);
        return index < 0 ? null : grid.Areas[index];
    }

    /// <summary>Every area of <paramref name="kind"/> containing the point, in snapshot order.</summary>
    public IReadOnlyList<Area> FindAll(UtmPoint point, AreaKind kind) => _grids[kind].All(point.X, point.Y);

    /// <summary>
    /// Tags many points at once with the first area of <paramref name="kind"/> containing each (null where none does),
    /// spread over <paramref name="maxDegreeOfParallelism"/> threads (-1: all cores).
    /// </summary>
    public Area?[] TagAll(IReadOnlyList<UtmPoint> points, AreaKind kind, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(points);
        var grid = _grids[kind];
        var tags = new Area?[points.Count];
        const int ChunkSize = 16_384;
        var chunks = (points.Count + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, chunk =>
        {
            var end = Math.Min(points.Count, (chunk + 1) * ChunkSize);
            for (var i = chunk * ChunkSize; i < end; i++)
            {
                var point = points[i];
                var index = grid.First(point.X, point.Y);
                tags[i] = index < 0 ? null : grid.Areas[index];
            }
        });

        return tags;
    }
}
