namespace Automation.Places.Search;

/// <summary>
/// A character trie over the search vocabulary (road, town and postal-code words: ~10⁵ words at national scale),
/// walked with a bounded Damerau (optimal string alignment) edit-distance row per node, so finding every word
/// within one or two edits of a query word visits only the few branches that can still match.
/// Immutable after construction; safe for concurrent readers.
/// </summary>
internal sealed class WordTrie
{
    private readonly int[] _firstChild;
    private readonly int[] _nextSibling;
    private readonly char[] _label;
    private readonly int[] _word;

    /// <summary>Builds the trie; spelling i of <paramref name="words"/> is reported as id <paramref name="ids"/>[i].</summary>
    public WordTrie(IReadOnlyList<string> words, IReadOnlyList<int> ids)
    {
        var firstChild = new List<int> { -1 };
        var nextSibling = new List<int> { -1 };
        var label = new List<char> { '\0' };
        var word = new List<int> { -1 };
        for (var id = 0; id < words.Count; id++)
        {
            var node = 0;
            foreach (var c in words[id])
            {
                var child = firstChild[node];
                while (child >= 0 && label[child] != c)
                {
                    child = nextSibling[child];
                }

                if (child < 0)
                {
                    child = label.Count;
                    firstChild.Add(-1);
                    nextSibling.Add(firstChild[node]);
                    label.Add(c);
                    word.Add(-1);
                    firstChild[node] = child;
                }

                node = child;
            }

            word[node] = ids[id];
        }

        _firstChild = [.. firstChild];
        _nextSibling = [.. nextSibling];
        _label = [.. label];
        _word = [.. word];
    }

    /// <summary>Adds every word within <paramref name="maxEdits"/> edits of <paramref name="query"/> (not the word itself).</summary>
    public void FindWithin(string query, int maxEdits, Dictionary<int, int> into)
    {
        var m = query.Length;
        var rows = new int[m + maxEdits + 2][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new int[m + 1];
        }

        for (var j = 0; j <= m; j++)
        {
            rows[0][j] = j;
        }

        for (var child = _firstChild[0]; child >= 0; child = _nextSibling[child])
        {
            Walk(child, 1, '\0', query, maxEdits, rows, into);
        }
    }

    private void Walk(int node, int depth, char previous, string query, int maxEdits, int[][] rows, Dictionary<int, int> into)
    {
        if (depth >= rows.Length)
        {
            return;
        }

        var c = _label[node];
        var m = query.Length;
        var up = rows[depth - 1];
        var row = rows[depth];
        row[0] = depth;
        var best = depth;
        for (var j = 1; j <= m; j++)
        {
            var cost = query[j - 1] == c ? 0 : 1;
            var value = Math.Min(Math.Min(up[j] + 1, row[j - 1] + 1), up[j - 1] + cost);
            if (depth > 1 && j > 1 && query[j - 1] == previous && query[j - 2] == c)
            {
                value = Math.Min(value, rows[depth - 2][j - 2] + 1);
            }

            row[j] = value;
            best = Math.Min(best, value);
        }

        var word = _word[node];
        if (word >= 0 && row[m] <= maxEdits && row[m] > 0)
        {
            into[word] = into.TryGetValue(word, out var known) ? Math.Min(known, row[m]) : row[m];
        }

        // Safe to prune on the row minimum even with transpositions: a transposition two levels down costs at
        // least the diagonal through this row, which is already above the bound.
        if (best > maxEdits)
        {
            return;
        }

        for (var child = _firstChild[node]; child >= 0; child = _nextSibling[child])
        {
            Walk(child, depth + 1, c, query, maxEdits, rows, into);
        }
    }
}
