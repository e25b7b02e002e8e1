using Automation.Places.Model;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Automation.Places.Spatial;

/// <summary>
/// Point-in-area for the areas of one kind. Each area gets an indexed point-in-area locator (what NTS's prepared
/// polygons use for points) and an STRtree of envelopes; on top sits a uniform grid whose cells remember which areas
/// contain the whole cell (answered without any geometry test) and which areas' boundaries cross it (the only ones
/// that need the locator). Most points fall in cells no boundary crosses, which is what makes tagging millions of
/// points a matter of seconds.
/// </summary>
internal sealed class AreaGrid
{
    private static readonly int[] None = [];

    private readonly Area[] _areas;
    private readonly IndexedPointInAreaLocator[] _locators;
    private readonly Envelope[] _envelopes;
    private readonly Cell[] _cells;
    private readonly double _x0;
    private readonly double _y0;
    private readonly double _cellSize;
    private readonly int _columns;
    private readonly int _rows;

    private AreaGrid(Area[] areas, IndexedPointInAreaLocator[] locators, Envelope[] envelopes, Cell[] cells,
        double x0, double y0, double cellSize, int columns, int rows)
    {
        _areas = areas;
        _locators = locators;
        _envelopes = envelopes;
        _cells = cells;
        _x0 = x0;
        _y0 = y0;
        _cellSize = cellSize;
        _columns = columns;
        _rows = rows;
    }

    public IReadOnlyList<Area> Areas => _areas;

    public static AreaGrid Build(Area[] areas, double cellSizeMetres, int maxCells)
    {
        var locators = new IndexedPointInAreaLocator[areas.Length];
        var envelopes = new Envelope[areas.Length];
        var tree = new STRtree<int>();
        var extent = new Envelope();
        for (var i = 0; i < areas.Length; i++)
        {
            var geometry = areas[i].Geometry;
            if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
            {
                throw new ArgumentException(
                    $"Area {areas[i].Kind} {areas[i].Code} ({areas[i].Name}) has a {geometry.GeometryType} geometry; "
                    + "areas must be non-empty Polygons or MultiPolygons in EPSG:25832.", nameof(areas));
            }

            envelopes[i] = geometry.EnvelopeInternal;
            extent.ExpandToInclude(envelopes[i]);
            tree.Insert(envelopes[i], i);
        }

        tree.Build();
        Parallel.For(0, areas.Length, i =>
        {
            locators[i] = new IndexedPointInAreaLocator(areas[i].Geometry);

            // The locator builds its index on first use; do it now, so queries only ever read.
            locators[i].Locate(areas[i].Geometry.EnvelopeInternal.Centre);
        });

        if (areas.Length == 0)
        {
            return new AreaGrid(areas, locators, envelopes, [], 0, 0, 1, 0, 0);
        }

        var cellSize = Math.Max(cellSizeMetres, Math.Sqrt(extent.Area / maxCells));
        var columns = (int)Math.Floor(extent.Width / cellSize) + 1;
        var rows = (int)Math.Floor(extent.Height / cellSize) + 1;
        var x0 = extent.MinX;
        var y0 = extent.MinY;

        // Which areas' boundaries touch which cells (conservatively: every cell under a segment's bounding box).
        var touched = new Dictionary<int, List<int>>();
        for (var area = 0; area < areas.Length; area++)
        {
            for (var p = 0; p < areas[area].Geometry.NumGeometries; p++)
            {
                var polygon = (Polygon)areas[area].Geometry.GetGeometryN(p);
                MarkRing(polygon.ExteriorRing.CoordinateSequence, area);
                foreach (var hole in polygon.InteriorRings)
                {
                    MarkRing(hole.CoordinateSequence, area);
                }
            }
        }

        var cells = new Cell[columns * rows];
        Parallel.For(0, rows, row =>
        {
            var y = y0 + ((row + 0.5) * cellSize);
            Cell? run = null;
            for (var column = 0; column < columns; column++)
            {
                var x = x0 + ((column + 0.5) * cellSize);
                var index = (row * columns) + column;
                if (touched.TryGetValue(index, out var crossing))
                {
                    var uncertain = crossing.ToArray();
                    cells[index] = new Cell(Classify(x, y, uncertain), uncertain);
                    run = null;
                }
                else
                {
                    // A run of cells no boundary touches lies wholly inside or outside each area: one test serves it.
                    run ??= new Cell(Classify(x, y, None), None);
                    cells[index] = run;
                }
            }
        });

        return new AreaGrid(areas, locators, envelopes, cells, x0, y0, cellSize, columns, rows);

        void MarkRing(CoordinateSequence ring, int area)
        {
            for (var i = 1; i < ring.Count; i++)
            {
                var ax = ring.GetX(i - 1);
                var ay = ring.GetY(i - 1);
                var bx = ring.GetX(i);
                var by = ring.GetY(i);
                var c0 = Clamp((int)Math.Floor((Math.Min(ax, bx) - x0) / cellSize) - 1, columns);
                var c1 = Clamp((int)Math.Floor((Math.Max(ax, bx) - x0) / cellSize) + 1, columns);
                var r0 = Clamp((int)Math.Floor((Math.Min(ay, by) - y0) / cellSize) - 1, rows);
                var r1 = Clamp((int)Math.Floor((Math.Max(ay, by) - y0) / cellSize) + 1, rows);
                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        var key = (r * columns) + c;
                        if (!touched.TryGetValue(key, out var list))
                        {
                            touched.Add(key, [area]);
                        }
                        else if (list[^1] != area)
                        {
                            list.Add(area);
                        }
                    }
                }
            }
        }

        int[] Classify(double x, double y, int[] exclude)
        {
            var coordinate = new Coordinate(x, y);
            var found = new List<int>();
            foreach (var candidate in tree.Query(new Envelope(coordinate)))
            {
                if (Array.IndexOf(exclude, candidate) < 0 && locators[candidate].Locate(coordinate) != Location.Exterior)
                {
                    found.Add(candidate);
                }
            }

            found.Sort();
            return found.Count == 0 ? None : [.. found];
        }
    }

    /// <summary>The first area (in snapshot order) covering (x, y), or -1. Allocates only for boundary cells.</summary>
    public int First(double x, double y)
    {
        if (!TryCell(x, y, out var cell))
        {
            return -1;
        }

        var best = cell.Certain.Length > 0 ? cell.Certain[0] : int.MaxValue;
        if (cell.Uncertain.Length > 0)
        {
            var coordinate = new Coordinate(x, y);
            foreach (var candidate in cell.Uncertain)
            {
                if (candidate >= best)
                {
                    break;
                }

                if (_envelopes[candidate].Covers(x, y) && _locators[candidate].Locate(coordinate) != Location.Exterior)
                {
                    best = candidate;
                    break;
                }
            }
        }

        return best == int.MaxValue ? -1 : best;
    }

    /// <summary>Every area covering (x, y), in snapshot order.</summary>
    public IReadOnlyList<Area> All(double x, double y)
    {
        if (!TryCell(x, y, out var cell))
        {
            return [];
        }

        var found = new List<int>(cell.Certain);
        if (cell.Uncertain.Length > 0)
        {
            var coordinate = new Coordinate(x, y);
            foreach (var candidate in cell.Uncertain)
            {
                if (_envelopes[candidate].Covers(x, y) && _locators[candidate].Locate(coordinate) != Location.Exterior)
                {
                    found.Add(candidate);
                }
            }
        }

        found.Sort();
        return [.. found.Select(i => _areas[i])];
    }

    private bool TryCell(double x, double y, out Cell cell)
    {
        var column = (int)Math.Floor((x - _x0) / _cellSize);
        var row = (int)Math.Floor((y - _y0) / _cellSize);
        if (column < 0 || row < 0 || column >= _columns || row >= _rows || double.IsNaN(x) || double.IsNaN(y))
        {
            cell = null!;
            return false;
        }

        cell = _cells[(row * _columns) + column];
        return true;
    }

    private static int Clamp(int value, int count) => Math.Clamp(value, 0, count - 1);

    /// <summary>Areas containing the whole cell, and areas whose boundary crosses it (sorted, disjoint).</summary>
    private sealed record Cell(int[] Certain, int[] Uncertain);
}
