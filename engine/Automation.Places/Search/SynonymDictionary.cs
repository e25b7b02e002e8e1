namespace Automation.Places.Search;

/// <summary>
/// DAWA's abbreviation dictionary (<c>adresser_xsyn.rules</c>, plus our <c>places_xsyn_additions.rules</c>): each
/// line is an original word followed by its abbreviations/variants ("borgmester borgm", "christian chr").
/// PostgreSQL's xsyn expands the original on both the index and the query side; we get the same matches by
/// expanding only the index: a word is indexed with its variants, and a variant is indexed with its original(s).
/// </summary>
internal static class SynonymDictionary
{
    private static readonly Dictionary<string, string[]> Expansions = Load();

    /// <summary>The extra words an indexed (folded) word is also found by; empty when it has none.</summary>
    public static IReadOnlyList<string> AliasesOf(string foldedWord) =>
        Expansions.TryGetValue(foldedWord, out var aliases) ? aliases : [];

    private static Dictionary<string, string[]> Load()
    {
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in new[] { "adresser_xsyn.rules", "places_xsyn_additions.rules" })
        {
            foreach (var parts in DanishFolding.ReadRuleLines(file))
            {
                var words = parts.Select(DanishFolding.Fold).Where(w => w.Length > 0 && !w.Contains(' ', StringComparison.Ordinal)).ToList();
                if (words.Count < 2)
                {
                    continue;
                }

                var original = words[0];
                foreach (var variant in words.Skip(1).Where(v => v != original))
                {
                    Add(sets, original, variant);
                    Add(sets, variant, original);
                }
            }
        }

        return sets.ToDictionary(p => p.Key, p => p.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, HashSet<string>> sets, string word, string alias)
    {
        if (!sets.TryGetValue(word, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            sets[word] = set;
        }

        set.Add(alias);
    }
}
