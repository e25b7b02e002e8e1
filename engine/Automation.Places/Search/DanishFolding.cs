using System.Globalization;
using System.Reflection;
using System.Text;

namespace Automation.Places.Search;

/// <summary>
/// Folds address text the way DAWA's search does: lower case, then DAWA's <c>adresser_unaccent.rules</c>
/// (æ→ae, ø→oe, å→aa, é→e, x→ks, ...), other diacritics stripped, and every character that is not a letter or digit
/// treated as a separator. Index and query go through the same folding, so "Århus" meets "Aarhus".
/// </summary>
internal static class DanishFolding
{
    private static readonly Dictionary<char, string> Rules = LoadRules();

    /// <summary>Splits <paramref name="text"/> into folded tokens ("Holmens Kanal 2, 1." → holmens, kanal, 2, 1).</summary>
    public static List<string> Tokenize(string? text) => [.. TokenizeWithTypoForms(text).Select(t => t.Folded)];

    /// <summary>
    /// Tokenizes like <see cref="Tokenize"/> and also returns each token's typo form: folded the same way except
    /// that æ, ø and å stay one letter each. Edit distances are measured on that form too, so a typing error on or
    /// next to a Danish letter ("Søldam" for "Slødam", "Åvnget" for "Åvænget") is one edit, as the user made it.
    /// </summary>
    public static List<(string Folded, string Typo)> TokenizeWithTypoForms(string? text)
    {
        var tokens = new List<(string Folded, string Typo)>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var current = new StringBuilder();
        var typo = new StringBuilder();
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (Rules.TryGetValue(c, out var replacement))
            {
                current.Append(replacement);
                if (c is 'æ' or 'ø' or 'å')
                {
                    typo.Append(c);
                }
                else
                {
                    typo.Append(replacement);
                }
            }
            else if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    current.Append(c);
                    typo.Append(c);
                }
                else
                {
                    Flush(current, typo, tokens);
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                AppendStripped(c, current);
                AppendStripped(c, typo);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                Flush(current, typo, tokens);
            }
        }

        Flush(current, typo, tokens);
        return tokens;
    }

    /// <summary>Folds one word (or phrase) and joins its tokens with single spaces.</summary>
    public static string Fold(string? text) => string.Join(' ', Tokenize(text));

    /// <summary>Reads an embedded dictionary file, skipping blank lines and our '#' header lines.</summary>
    internal static IEnumerable<string[]> ReadRuleLines(string fileName)
    {
        var assembly = typeof(DanishFolding).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded search dictionary {fileName} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length > 0)
            {
                lines.Add(parts);
            }
        }

        return lines;
    }

    private static void AppendStripped(char c, StringBuilder into)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                into.Append(d);
            }
        }
    }

    private static void Flush(StringBuilder current, StringBuilder typo, List<(string Folded, string Typo)> tokens)
    {
        if (current.Length > 0)
        {
            var folded = current.ToString();
            var typoForm = typo.ToString();
            tokens.Add((folded, typoForm == folded ? folded : typoForm));
            current.Clear();
            typo.Clear();
        }
    }

    private static Dictionary<char, string> LoadRules()
    {
        var rules = new Dictionary<char, string>();
        foreach (var parts in ReadRuleLines("adresser_unaccent.rules"))
        {
            // Rules come in upper/lower pairs; we lower-case first, so only the lower-case source matters.
            if (parts.Length == 2 && parts[0].Length == 1)
            {
                rules[char.ToLowerInvariant(parts[0][0])] = parts[1].ToLowerInvariant();
            }
        }

        return rules;
    }
}
