using System.Globalization;

namespace Automation.Connectors.Reconciliation;

/// <summary>
/// Applies <see cref="Normalization"/> steps. The span form writes into a caller-owned scratch so that comparing a
/// million pairs allocates nothing; the string form is for keys and tests.
/// </summary>
public static class TextNormalizer
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy",
    ];

    /// <summary>The normalised form of <paramref name="value"/>; null counts as empty.</summary>
    public static string Normalize(string? value, Normalization steps)
    {
        if (string.IsNullOrEmpty(value) || steps == Normalization.None)
        {
            return value ?? "";
        }

        if (steps == Normalization.Trim)
        {
            return value.Trim();
        }

        var scratch = new NormalizationScratch();
        var result = Normalize(value, steps, scratch);
        return result.SequenceEqual(value) ? value : new string(result);
    }

    /// <summary>The normalised form of <paramref name="value"/>, valid until <paramref name="scratch"/> is used again for the same side.</summary>
    public static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> value, Normalization steps, NormalizationScratch scratch)
    {
        var current = value;
        if ((steps & Normalization.Trim) != 0)
        {
            current = current.Trim();
        }

        if (steps == Normalization.Trim || current.IsEmpty)
        {
            return current;
        }

        scratch.Ensure(current.Length);
        scratch.Flip = false;
        if ((steps & Normalization.Whitespace) != 0)
        {
            current = Step(current, scratch, CollapseWhitespace);
        }

        if ((steps & Normalization.Case) != 0)
        {
            current = Step(current, scratch, static (src, dst) => src.ToLowerInvariant(dst));
        }

        if ((steps & Normalization.Danish) != 0)
        {
            current = Step(current, scratch, FoldDanish);
        }

        if ((steps & Normalization.Address) != 0)
        {
            // The address step lower-cases into the spare buffer, then rewrites tokens back into the first.
            var lowered = Step(current, scratch, PrepareAddress);
            current = Step(lowered, scratch, RewriteAddress);
        }

        if ((steps & Normalization.Phone) != 0)
        {
            current = Step(current, scratch, DigitsOfPhone);
        }

        if ((steps & Normalization.Date) != 0)
        {
            current = Step(current, scratch, IsoDate);
        }

        return current;
    }

    private delegate int Transform(ReadOnlySpan<char> source, Span<char> destination);

    private static ReadOnlySpan<char> Step(ReadOnlySpan<char> source, NormalizationScratch scratch, Transform transform)
    {
        var destination = scratch.Flip ? scratch.Second : scratch.First;
        scratch.Flip = !scratch.Flip;
        var written = transform(source, destination);
        return destination.AsSpan(0, written);
    }

    private static int CollapseWhitespace(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        var inSpace = false;
        foreach (var c in source)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    destination[n++] = ' ';
                }

                inSpace = true;
                continue;
            }

            inSpace = false;
            destination[n++] = c;
        }

        return n;
    }

    private static int FoldDanish(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            // An upper-case letter folds to "Ae" before lower case ("Ærø" → "Aerø") and "AE" in capitals ("ÆRØ" → "AEROE").
            var nextIsLower = i + 1 < source.Length && char.IsLower(source[i + 1]);
            switch (c)
            {
                case 'æ' or 'ä':
                    destination[n++] = 'a';
                    destination[n++] = 'e';
                    break;
                case 'ø' or 'ö':
                    destination[n++] = 'o';
                    destination[n++] = 'e';
                    break;
                case 'å':
                    destination[n++] = 'a';
                    destination[n++] = 'a';
                    break;
                case 'Æ' or 'Ä':
                    destination[n++] = 'A';
                    destination[n++] = nextIsLower ? 'e' : 'E';
                    break;
                case 'Ø' or 'Ö':
                    destination[n++] = 'O';
                    destination[n++] = nextIsLower ? 'e' : 'E';
                    break;
                case 'Å':
                    destination[n++] = 'A';
                    destination[n++] = nextIsLower ? 'a' : 'A';
                    break;
                case 'é':
                    destination[n++] = 'e';
                    break;
                case 'É':
                    destination[n++] = 'E';
                    break;
                default:
                    destination[n++] = c;
                    break;
            }
        }

        return n;
    }

    /// <summary>Lower case, é→e, commas to spaces, and a dot after a digit or a ground floor to a space ("2.th" → "2 th", "st.tv" → "st tv").</summary>
    private static int PrepareAddress(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = char.ToLowerInvariant(source[i]);
            destination[i] = c switch
            {
                'é' => 'e',
                ',' or ';' => ' ',
                '.' when i > 0 && char.IsDigit(source[i - 1]) => ' ',
                '.' when IsGroundFloorBeforeSide(source, i) => ' ',
                _ when char.IsWhiteSpace(c) => ' ',
                _ => c,
            };
        }

        return source.Length;
    }

    /// <summary>The dot of "st.tv" / "st.th": the ground floor written together with the side.</summary>
    private static bool IsGroundFloorBeforeSide(ReadOnlySpan<char> source, int dot) =>
        dot >= 2 && dot + 1 < source.Length && char.IsLetter(source[dot + 1])
        && source.Slice(dot - 2, 2).Equals("st", StringComparison.OrdinalIgnoreCase)
        && (dot == 2 || !char.IsLetter(source[dot - 3]));

    /// <summary>Rewrites each space-separated token to its canonical form and joins them with single spaces.</summary>
    private static int RewriteAddress(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        var previousAllDigits = false;
        foreach (var range in source.Split(' '))
        {
            var token = source[range];
            if (token.IsEmpty)
            {
                continue;
            }

            var core = token.TrimEnd('.');
            var hadDot = core.Length < token.Length;
            ReadOnlySpan<char> replacement;
            ReadOnlySpan<char> suffix = default;
            if (core.IsEmpty || core is "sal")
            {
                // "2. sal" is the same floor as "2."; a lone dot carries nothing.
                continue;
            }
            else if (core is "t.h" or "th")
            {
                replacement = "th";
            }
            else if (core is "t.v" or "tv")
            {
                replacement = "tv";
            }
            else if (core is "m.f" or "mf")
            {
                replacement = "mf";
            }
            else if (core is "v")
            {
                replacement = hadDot ? "vej" : "v";
            }
            else if (core is "g")
            {
                replacement = hadDot ? "gade" : "g";
            }
            else if (hadDot && core.Length > 1 && core[^1] == 'v' && char.IsLetter(core[^2]))
            {
                replacement = core[..^1];
                suffix = "vej";
            }
            else if (hadDot && core.Length > 1 && core[^1] == 'g' && char.IsLetter(core[^2]))
            {
                replacement = core[..^1];
                suffix = "gade";
            }
            else
            {
                replacement = core;
            }

            // A house-number letter written apart ("5 A") joins its number ("5a").
            var joinsNumber = previousAllDigits && replacement.Length == 1 && char.IsLetter(replacement[0]) && suffix.IsEmpty;
            if (n > 0 && !joinsNumber)
            {
                destination[n++] = ' ';
            }

            replacement.CopyTo(destination[n..]);
            n += replacement.Length;
            suffix.CopyTo(destination[n..]);
            n += suffix.Length;
            previousAllDigits = !joinsNumber && suffix.IsEmpty && IsAllDigits(replacement);
        }

        return n;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }

    private static int DigitsOfPhone(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        foreach (var c in source)
        {
            if (char.IsAsciiDigit(c))
            {
                destination[n++] = c;
            }
        }

        var digits = destination[..n];
        var international = source.TrimStart().StartsWith('+');
        var prefix = international && n == 10 && digits.StartsWith("45") ? 2
            : n == 12 && digits.StartsWith("0045") ? 4
            : 0;
        if (prefix > 0)
        {
            digits[prefix..].CopyTo(destination);
            n -= prefix;
        }

        return n;
    }

    private static int IsoDate(ReadOnlySpan<char> source, Span<char> destination)
    {
        var text = source.Trim();
        // An ISO timestamp compares by its date: "2024-03-01T00:00:00" is the same day as "2024-03-01".
        if (text.Length > 10 && (text[10] == 'T' || text[10] == ' ') && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Format(day, destination);
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return Format(day, destination);
        }

        source.CopyTo(destination);
        return source.Length;
    }

    private static int Format(DateOnly day, Span<char> destination)
    {
        day.TryFormat(destination, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return written;
    }
}

/// <summary>Two reusable buffers for <see cref="TextNormalizer"/>; one per side of a comparison, never shared between threads.</summary>
public sealed class NormalizationScratch
{
    internal char[] First { get; private set; } = new char[256];

    internal char[] Second { get; private set; } = new char[256];

    /// <summary>Which buffer the next step writes into: steps alternate, each reading the other's output.</summary>
    internal bool Flip { get; set; }

    /// <summary>Room for the longest intermediate form: Danish folding and address expansion can each double the length.</summary>
    internal void Ensure(int length)
    {
        var needed = (length * 4) + 16;
        if (First.Length < needed)
        {
            First = new char[needed];
            Second = new char[needed];
        }
    }
}
