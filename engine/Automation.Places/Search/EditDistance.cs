namespace Automation.Places.Search;

/// <summary>Bounded optimal-string-alignment distance (Damerau: a swap of two neighbours is one edit).</summary>
internal static class EditDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/> if it is at most <paramref name="max"/>, else -1.</summary>
    public static int Within(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return -1;
        }

        var n = b.Length;
        Span<int> previous2 = stackalloc int[n + 1];
        Span<int> previous = stackalloc int[n + 1];
        Span<int> current = stackalloc int[n + 1];
        for (var j = 0; j <= n; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = i;
            for (var j = 1; j <= n; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                best = Math.Min(best, value);
            }

            if (best > max)
            {
                return -1;
            }

            var spare = previous2;
            previous2 = previous;
            previous = current;
            current = spare;
        }

        return previous[n] <= max ? previous[n] : -1;
    }
}
