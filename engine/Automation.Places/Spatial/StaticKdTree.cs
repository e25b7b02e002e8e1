namespace Automation.Places.Spatial;

/// <summary>
/// A packed, immutable 2-d tree over points: one array of (x, y, item) sorted so that the median of every range is
/// its split node (implicit layout, no node objects, no pointers). Built once in O(n log n); a nearest query visits
/// O(log n) entries and allocates nothing, which is what keeps reverse lookup on millions of points far below 0.1 ms.
/// </summary>
internal sealed class StaticKdTree
{
    private const int ParallelBuildThreshold = 1 << 16;

    private readonly Entry[] _entries;

    /// <summary>Builds the tree; <paramref name="items"/> are the caller's ids for the points (e.g. record indexes).</summary>
    public StaticKdTree(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<int> items)
    {
        if (xs.Length != ys.Length || xs.Length != items.Length)
        {
            throw new ArgumentException("xs, ys and items must have the same length.", nameof(items));
        }

        _entries = new Entry[xs.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            _entries[i] = new Entry(xs[i], ys[i], items[i]);
        }

        Build(_entries, 0, _entries.Length, 0);
    }

    /// <summary>Number of points.</summary>
    public int Count => _entries.Length;

    /// <summary>
    /// The item nearest to (x, y) within <paramref name="maxDistance"/> (inclusive), or -1. Equal distances go to the
    /// lowest item, so the answer does not depend on the tree's shape.
    /// </summary>
    public int Nearest(double x, double y, double maxDistance, out double distance)
    {
        var best = -1;
        var bestSquared = maxDistance * maxDistance;
        if (_entries.Length > 0 && maxDistance >= 0 && !double.IsNaN(maxDistance))
        {
            NearestIn(0, _entries.Length, 0, x, y, ref best, ref bestSquared);
        }

        distance = best < 0 ? double.NaN : Math.Sqrt(bestSquared);
        return best;
    }

    /// <summary>
    /// Fills <paramref name="items"/> and <paramref name="distances"/> with up to k items nearest to (x, y), nearest
    /// first (ties by lowest item); returns how many were found.
    /// </summary>
    public int NearestK(double x, double y, Span<int> items, Span<double> distances)
    {
        var k = Math.Min(items.Length, distances.Length);
        if (k == 0 || _entries.Length == 0)
        {
            return 0;
        }

        // A bounded max-heap on squared distance: the root is the worst of the k best so far.
        var heap = new KnnHeap(items[..k], distances[..k]);
        NearestKIn(0, _entries.Length, 0, x, y, ref heap);
        var found = heap.Count;
        heap.SortAscending();
        for (var i = 0; i < found; i++)
        {
            distances[i] = Math.Sqrt(distances[i]);
        }

        return found;
    }

    private void NearestIn(int lo, int hi, int depth, double x, double y, ref int best, ref double bestSquared)
    {
        while (hi > lo)
        {
            var mid = (lo + hi) >>> 1;
            ref readonly var e = ref _entries[mid];
            var dx = e.X - x;
            var dy = e.Y - y;
            var d2 = (dx * dx) + (dy * dy);
            if (d2 < bestSquared || (d2 == bestSquared && (best < 0 || e.Item < best)))
            {
                best = e.Item;
                bestSquared = d2;
            }

            var diff = (depth & 1) == 0 ? x - e.X : y - e.Y;
            int nearLo, nearHi, farLo, farHi;
            if (diff < 0)
            {
                (nearLo, nearHi, farLo, farHi) = (lo, mid, mid + 1, hi);
            }
            else
            {
                (nearLo, nearHi, farLo, farHi) = (mid + 1, hi, lo, mid);
            }

            NearestIn(nearLo, nearHi, depth + 1, x, y, ref best, ref bestSquared);
            if (diff * diff > bestSquared)
            {
                return;
            }

            // Tail-iterate into the far side.
            lo = farLo;
            hi = farHi;
            depth++;
        }
    }

    private void NearestKIn(int lo, int hi, int depth, double x, double y, ref KnnHeap heap)
    {
        while (hi > lo)
        {
            var mid = (lo + hi) >>> 1;
            ref readonly var e = ref _entries[mid];
            var dx = e.X - x;
            var dy = e.Y - y;
            heap.Offer(e.Item, (dx * dx) + (dy * dy));

            var diff = (depth & 1) == 0 ? x - e.X : y - e.Y;
            int nearLo, nearHi, farLo, farHi;
            if (diff < 0)
            {
                (nearLo, nearHi, farLo, farHi) = (lo, mid, mid + 1, hi);
            }
            else
            {
                (nearLo, nearHi, farLo, farHi) = (mid + 1, hi, lo, mid);
            }

            NearestKIn(nearLo, nearHi, depth + 1, x, y, ref heap);
            if (heap.IsFull && diff * diff > heap.WorstSquared)
            {
                return;
            }

            lo = farLo;
            hi = farHi;
            depth++;
        }
    }

    private static void Build(Entry[] entries, int lo, int hi, int depth)
    {
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >>> 1;
            Select(entries, lo, hi - 1, mid, (depth & 1) == 0);
            if (hi - lo > ParallelBuildThreshold)
            {
                var (l, m, h, d) = (lo, mid, hi, depth + 1);
                Parallel.Invoke(() => Build(entries, l, m, d), () => Build(entries, m + 1, h, d));
                return;
            }

            Build(entries, lo, mid, depth + 1);
            lo = mid + 1;
            depth++;
        }
    }

    /// <summary>Quickselect (Hoare partition, median-of-three) so that entries[k] is the k-th by the axis.</summary>
    private static void Select(Entry[] a, int left, int right, int k, bool byX)
    {
        while (right > left)
        {
            var mid = (left + right) >>> 1;
            if (Key(a[mid], byX) < Key(a[left], byX))
            {
                (a[mid], a[left]) = (a[left], a[mid]);
            }

            if (Key(a[right], byX) < Key(a[left], byX))
            {
                (a[right], a[left]) = (a[left], a[right]);
            }

            if (Key(a[right], byX) < Key(a[mid], byX))
            {
                (a[right], a[mid]) = (a[mid], a[right]);
            }

            var pivot = Key(a[mid], byX);
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (Key(a[i], byX) < pivot)
                {
                    i++;
                }

                while (Key(a[j], byX) > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return;
            }
        }
    }

    private static double Key(in Entry e, bool byX) => byX ? e.X : e.Y;

    private readonly record struct Entry(double X, double Y, int Item);

    private ref struct KnnHeap
    {
        private readonly Span<int> _items;
        private readonly Span<double> _keys;

        public KnnHeap(Span<int> items, Span<double> keys)
        {
            _items = items;
            _keys = keys;
            Count = 0;
        }

        public int Count { get; private set; }

        public readonly bool IsFull => Count == _items.Length;

        public readonly double WorstSquared => _keys[0];

        public void Offer(int item, double key)
        {
            if (Count < _items.Length)
            {
                var i = Count++;
                _items[i] = item;
                _keys[i] = key;
                SiftUp(i);
            }
            else if (Worse(_items[0], _keys[0], item, key))
            {
                _items[0] = item;
                _keys[0] = key;
                SiftDown(0, Count);
            }
        }

        /// <summary>Heap-sorts in place: nearest first.</summary>
        public void SortAscending()
        {
            for (var end = Count - 1; end > 0; end--)
            {
                Swap(0, end);
                SiftDown(0, end);
            }
        }

        // True when (itemA, keyA) ranks after (itemB, keyB): farther, or equally far with a higher item.
        private static bool Worse(int itemA, double keyA, int itemB, double keyB) =>
            keyA > keyB || (keyA == keyB && itemA > itemB);

        private void SiftUp(int i)
        {
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Worse(_items[i], _keys[i], _items[parent], _keys[parent]))
                {
                    return;
                }

                Swap(i, parent);
                i = parent;
            }
        }

        private void SiftDown(int i, int count)
        {
            while (true)
            {
                var left = (2 * i) + 1;
                if (left >= count)
                {
                    return;
                }

                var worst = left;
                var right = left + 1;
                if (right < count && Worse(_items[right], _keys[right], _items[left], _keys[left]))
                {
                    worst = right;
                }

                if (!Worse(_items[worst], _keys[worst], _items[i], _keys[i]))
                {
                    return;
                }

                Swap(i, worst);
                i = worst;
            }
        }

        private readonly void Swap(int a, int b)
        {
            (_items[a], _items[b]) = (_items[b], _items[a]);
            (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
        }
    }
}
