using System.Text;

namespace Automation.Places.Import;

/// <summary>Whether two place names probably mean the same place: equal or contained after folding, or a few edits apart.</summary>
internal static class SimilarNames
{
    public static bool Similar(string a, string b)
    {
        var x = Fold(a);
        var y = Fold(b);
        if (x.Length == 0 || y.Length == 0)
        {
            return false;
        }

        if (x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal))
        {
            return true;
        }

        if (TokensContained(a, b))
        {
            return true;
        }

        var allowed = Math.Max(2, Math.Min(x.Length, y.Length) / 5);
        return Math.Abs(x.Length - y.Length) <= allowed && Distance(x, y) <= allowed;
    }

    /// <summary>Every word of the shorter name occurs in the longer ("Amager Hospital" in "Amager og Hvidovre Hospital – Amager").</summary>
    private static bool TokensContained(string a, string b)
    {
        var x = Tokens(a);
        var y = Tokens(b);
        var (shorter, longer) = x.Count <= y.Count ? (x, y) : (y, x);
        return shorter.Count > 0 && shorter.IsSubsetOf(longer);
    }

    private static HashSet<string> Tokens(string text) =>
        [.. text.Split((char[])[' ', '-', '–', ',', '.', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Select(Fold).Where(t => t.Length > 0)];

    /// <summary>Lower case, letters and digits only, æ/ø/å spelled out, so "Skejby Sygehus" and "skejby-sygehus" agree.</summary>
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            switch (c)
            {
                case 'æ':
                    builder.Append("ae");
                    break;
                case 'ø':
                    builder.Append("oe");
                    break;
                case 'å':
                    builder.Append("aa");
                    break;
                default:
                    if (char.IsLetterOrDigit(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
