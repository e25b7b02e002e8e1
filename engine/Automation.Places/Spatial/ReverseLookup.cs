using Automation.Places.Model;

namespace Automation.Places.Spatial;

/// <summary>
/// Reverse lookup: the address nearest to a point, within a maximum distance. Immutable and safe to query from
/// many threads. One point per adgangsadresse (units on floors share their building's entrance), kept in a packed
/// 2-d tree per point kind.
/// </summary>
public sealed class ReverseLookup
{
    private readonly AddressRecord[] _addresses;
    private readonly StaticKdTree _entrances;
    private readonly StaticKdTree _roadPoints;

    private ReverseLookup(AddressRecord[] addresses, StaticKdTree entrances, StaticKdTree roadPoints)
    {
        _addresses = addresses;
        _entrances = entrances;
        _roadPoints = roadPoints;
    }

    /// <summary>Number of adgangsadresser indexed (by entrance point).</summary>
    public int Count => _entrances.Count;

    /// <summary>
    /// Builds the index. Records of the same adgangsadresse are indexed once: the access-address record (no floor,
    /// no door) when there is one, otherwise the first unit.
    /// </summary>
    public static ReverseLookup Build(IReadOnlyList<AddressRecord> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var chosen = new Dictionary<Guid, int>(addresses.Count);
        for (var i = 0; i < addresses.Count; i++)
        {
            var record = addresses[i];
            if (!chosen.TryGetValue(record.AccessAddressId, out var current))
            {
                chosen.Add(record.AccessAddressId, i);
            }
            else if (record.IsAccessAddress && !addresses[current].IsAccessAddress)
            {
                chosen[record.AccessAddressId] = i;
            }
        }

        // Keep the snapshot's order, so ties between equally near addresses go to the earlier record.
        var indexes = chosen.Values.ToArray();
        Array.Sort(indexes);
        var kept = new AddressRecord[indexes.Length];
        var xs = new double[indexes.Length];
        var ys = new double[indexes.Length];
        var ids = new int[indexes.Length];
        var roadCount = 0;
        for (var i = 0; i < indexes.Length; i++)
        {
            var record = addresses[indexes[i]];
            kept[i] = record;
            xs[i] = record.Entrance.X;
            ys[i] = record.Entrance.Y;
            ids[i] = i;
            if (record.RoadPoint is not null)
            {
                roadCount++;
            }
        }

        var entrances = new StaticKdTree(xs, ys, ids);
        var roadXs = new double[roadCount];
        var roadYs = new double[roadCount];
        var roadIds = new int[roadCount];
        var r = 0;
        for (var i = 0; i < kept.Length; i++)
        {
            if (kept[i].RoadPoint is { } point)
            {
                roadXs[r] = point.X;
                roadYs[r] = point.Y;
                roadIds[r] = i;
                r++;
            }
        }

        return new ReverseLookup(kept, entrances, new StaticKdTree(roadXs, roadYs, roadIds));
    }

    /// <summary>
    /// The address nearest to <paramref name="point"/> no farther than <paramref name="maxDistanceMetres"/>
    /// (inclusive), measured to its entrance or road point; null when there is none that close.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The maximum distance is negative or not a number.</exception>
    public ReverseHit? Nearest(UtmPoint point, double maxDistanceMetres, AddressPointKind measureTo = AddressPointKind.Entrance)
    {
        if (!(maxDistanceMetres >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDistanceMetres), maxDistanceMetres,
                "The maximum distance must be zero or more metres.");
        }

        var tree = measureTo == AddressPointKind.RoadPoint ? _roadPoints : _entrances;
        var index = tree.Nearest(point.X, point.Y, maxDistanceMetres, out var distance);
        if (index < 0)
        {
            return null;
        }

        var address = _addresses[index];
        var measured = measureTo == AddressPointKind.RoadPoint ? address.RoadPoint!.Value : address.Entrance;
        return new ReverseHit(address, measured, distance);
    }
}
