namespace Automation.Places.Search;

/// <summary>
/// The distinct house numbers (or floors, or doors) in ordinal order, so that everything a query token can stand
/// for (itself, a longer value it starts, "5" → "5a") is one short range found by binary search, however many
/// distinct values the country has.
/// </summary>
internal sealed class ValueIndex
{
    private readonly string[] _sorted;
    private readonly int[] _ids;
    private readonly int _count;

    /// <summary>Indexes <paramref name="values"/> from id <paramref name="firstId"/> on (id 0 may mean "none").</summary>
    public ValueIndex(string[] values, int firstId)
    {
        _count = values.Length;
        _ids = [.. Enumerable.Range(firstId, values.Length - firstId).OrderBy(i => values[i], StringComparer.Ordinal)];
        _sorted = [.. _ids.Select(i => values[i])];
    }

    /// <summary>
    /// Cost per value id for <paramref name="token"/> (exact, or prefix when it is the last token, or when
    /// <paramref name="letterSuffix"/> and a digits-only token is followed by letters), -1 elsewhere; null when
    /// nothing matches. Lowers the token's <see cref="QueryToken.AddressBest"/> accordingly.
    /// </summary>
    public sbyte[]? Costs(QueryToken token, bool letterSuffix)
    {
        var text = token.Text;
        var digitsOnly = letterSuffix && text.All(char.IsAsciiDigit);
        sbyte[]? costs = null;
        int low = 0, high = _sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(_sorted[mid], text) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        for (var at = low; at < _sorted.Length && _sorted[at].StartsWith(text, StringComparison.Ordinal); at++)
        {
            var value = _sorted[at];
            var cost = value.Length == text.Length ? QueryToken.Exact
                : token.IsLast || (digitsOnly && char.IsAsciiLetter(value[text.Length])) ? QueryToken.Prefix
                : -1;
            if (cost < 0)
            {
                continue;
            }

            if (costs is null)
            {
                costs = new sbyte[_count];
                Array.Fill(costs, (sbyte)-1);
            }

            costs[_ids[at]] = (sbyte)cost;
            token.AddressBest = token.AddressBest < 0 ? cost : Math.Min(token.AddressBest, cost);
        }

        return costs;
    }
}
