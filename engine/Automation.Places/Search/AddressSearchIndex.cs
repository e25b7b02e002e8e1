using System.Numerics;
using Automation.Places.Model;

namespace Automation.Places.Search;

/// <summary>
/// In-memory address search and autocomplete behaving like DAWA's: query tokens are AND-ed and the last one is a
/// prefix; Danish folding (æ/ae, ø/oe, å/aa, é/e, ...) and DAWA's abbreviation dictionary apply; road, town and
/// postal-code words tolerate typing errors (1 edit for 4–7 letters, 2 for longer, a swap of two letters counts
/// as one); "5" also finds 5A and 5B; postal code, town, floor ("1.", "st") and door ("tv", "th") may come in any
/// order. Results are ranked: fewer edits first, then fewer prefix matches, then fewer words of the address left
/// unmatched (so an adgangsadresse comes before its adresser), then a stable order (road, postal code, house
/// number, floor, door).
/// </summary>
/// <remarks>
/// Built once from the records and immutable afterwards, so any number of threads may search at once. The few
/// distinct road/town/postal-code combinations ("groups") carry the words and posting lists; the many address
/// rows are sorted by group and hold only small ids for house number, floor and door. A search intersects groups
/// through the rarest token's postings, checks the others against each group's handful of words, then filters the
/// group's contiguous address rows, stopping as soon as no remaining group can beat the results already found.
/// </remarks>
public sealed class AddressSearchIndex
{
    /// <summary>Longest query text accepted; longer input gives no results.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>Most tokens a query may have; more give no results.</summary>
    public const int MaxQueryTokens = 16;

    /// <summary>Largest <c>limit</c> accepted by <see cref="Search"/>.</summary>
    public const int MaxLimit = 1000;

    private const byte NoOrigin = byte.MaxValue;

    /// <summary>Most groups a short prefix ("Sa") brings in through words it is only a prefix of.</summary>
    private const int PrefixGroupCap = 4096;

    /// <summary>Most groups the driving token's own word (and its typo neighbours) bring in; far above any town's roads.</summary>
    private const int ExactGroupCap = 16384;

    private readonly AddressRecord[] _records;
    private readonly int[] _houseNumber;
    private readonly short[] _floor;
    private readonly short[] _door;
    private readonly ValueIndex _houseNumbers;
    private readonly ValueIndex _floors;
    private readonly ValueIndex _doors;
    private readonly int[] _groupAddressStart;
    private readonly int[] _groupWordStart;
    private readonly int[] _groupWords;
    private readonly byte[] _groupWordOrigin;
    private readonly byte[] _groupOriginals;
    private readonly string[] _words;
    private readonly int[] _postingStart;
    private readonly int[] _postings;
    private readonly WordTrie _trie;
    private readonly string?[] _wordTypoForm;

    internal AddressSearchIndex(AddressSearchIndexParts parts)
    {
        _records = parts.Records;
        _houseNumber = parts.HouseNumber;
        _floor = parts.Floor;
        _door = parts.Door;
        _houseNumbers = new ValueIndex(parts.HouseNumbers, 0);
        _floors = new ValueIndex(parts.Floors, 1);
        _doors = new ValueIndex(parts.Doors, 1);
        _groupAddressStart = parts.GroupAddressStart;
        _groupWordStart = parts.GroupWordStart;
        _groupWords = parts.GroupWords;
        _groupWordOrigin = parts.GroupWordOrigin;
        _groupOriginals = parts.GroupOriginals;
        _words = parts.Words;
        _postingStart = parts.PostingStart;
        _postings = parts.Postings;
        _trie = new WordTrie(parts.TypoForms, parts.TypoFormWords);
        _wordTypoForm = new string?[parts.Words.Length];
        for (var i = parts.Words.Length; i < parts.TypoForms.Length; i++)
        {
            _wordTypoForm[parts.TypoFormWords[i]] = parts.TypoForms[i];
        }
    }

    /// <summary>Number of addresses indexed.</summary>
    public int Count => _records.Length;

    /// <summary>Number of distinct road/postal-code/town combinations.</summary>
    public int GroupCount => _groupOriginals.Length;

    /// <summary>Number of distinct searchable words (road, town and postal-code words and their abbreviations).</summary>
    public int VocabularySize => _words.Length;

    /// <summary>Builds the index over adgangsadresser and adresser (any mix, any order).</summary>
    /// <param name="addresses">The records to index; the index keeps references to them.</param>
    /// <exception cref="ArgumentException">A record is null.</exception>
    public static AddressSearchIndex Build(IReadOnlyList<AddressRecord> addresses) =>
        new(AddressSearchIndexBuilder.Build(addresses));

    /// <summary>
    /// Finds the addresses matching <paramref name="query"/>, best first. Empty, blank or over-long queries
    /// (more than <see cref="MaxQueryLength"/> characters or <see cref="MaxQueryTokens"/> words) give no results.
    /// </summary>
    /// <param name="query">What the user typed, e.g. "holmens kan 2 1." or "1060 Holmens Kanal".</param>
    /// <param name="limit">Most results to return, 1 to <see cref="MaxLimit"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1..<see cref="MaxLimit"/>.</exception>
    public IReadOnlyList<AddressSearchHit> Search(string? query, int limit)
    {
        if (limit < 1 || limit > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The search limit must be between 1 and {MaxLimit}.");
        }

        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength || _records.Length == 0)
        {
            return [];
        }

        var texts = DanishFolding.TokenizeWithTypoForms(query);
        if (texts.Count == 0 || texts.Count > MaxQueryTokens)
        {
            return [];
        }

        // "5 A" is how many people type house number 5A: try the number and letter joined first, and the words as
        // typed when that finds nothing (the letter may be the start of a town's name).
        if (JoinHouseNumberLetters(texts) is { } joined && SearchTokens(joined, limit) is { Count: > 0 } joinedHits)
        {
            return joinedHits;
        }

        return SearchTokens(texts, limit);
    }

    /// <summary>The tokens with each number followed by a one-letter word joined ("5", "a" → "5a"); null when there is no such pair.</summary>
    private static List<(string Folded, string Typo)>? JoinHouseNumberLetters(List<(string Folded, string Typo)> texts)
    {
        List<(string Folded, string Typo)>? joined = null;
        for (var i = 0; i < texts.Count; i++)
        {
            var (folded, typo) = texts[i];
            if (i + 1 < texts.Count && folded.All(char.IsAsciiDigit) && texts[i + 1].Folded is { Length: 1 } letter && char.IsAsciiLetter(letter[0]))
            {
                joined ??= [.. texts.Take(i)];
                joined.Add((folded + letter, typo + letter));
                i++;
                continue;
            }

            joined?.Add((folded, typo));
        }

        return joined;
    }

    private List<AddressSearchHit> SearchTokens(List<(string Folded, string Typo)> texts, int limit)
    {
        var tokens = new QueryToken[texts.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Plan(texts[i].Folded, texts[i].Typo, i == tokens.Length - 1);
        }

        // First pass: typo matching only for words that match nothing as typed (cheap, and exact spellings rank
        // first anyway). If that finds nothing, a typo may have produced another real word: allow edits everywhere.
        foreach (var token in tokens)
        {
            token.Tolerant = token.MaxEdits > 0 && !token.HasWordMatch && token.MustMatchGroup;
        }

        var hits = Execute(tokens, limit, typoPass: false);
        if (hits.Count > 0)
        {
            return hits;
        }

        var changed = false;
        foreach (var token in tokens)
        {
            if (token.MaxEdits > 0 && !token.Tolerant)
            {
                token.Tolerant = true;
                changed = true;
            }
        }

        return changed ? Execute(tokens, limit, typoPass: true) : hits;
    }

    private static long Pack(int cost, int mismatch, int index) =>
        ((long)cost << 42) | ((long)Math.Min(mismatch, 1023) << 32) | (uint)index;

    private static int Combine(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    private QueryToken Plan(string text, string typoForm, bool isLast)
    {
        var token = new QueryToken(text, typoForm, isLast);
        var low = LowerBound(text);
        if (low < _words.Length && string.Equals(_words[low], text, StringComparison.Ordinal))
        {
            token.ExactWord = low;
            token.GroupEstimate += _postingStart[low + 1] - _postingStart[low];
        }

        if (isLast)
        {
            var high = LowerBound(text + char.MaxValue);
            token.PrefixLow = low;
            token.PrefixHigh = high;
            token.GroupEstimate = _postingStart[high] - _postingStart[low];
        }

        if (token.IsNumericStart)
        {
            token.HouseNumberCost = _houseNumbers.Costs(token, letterSuffix: true);
        }

        token.FloorCost = _floors.Costs(token, letterSuffix: false);
        token.DoorCost = _doors.Costs(token, letterSuffix: false);
        return token;
    }

    private void AddTypos(QueryToken token)
    {
        var typos = new Dictionary<int, int>();
        _trie.FindWithin(token.Text, token.MaxEdits, typos);
        if (!ReferenceEquals(token.TypoForm, token.Text))
        {
            _trie.FindWithin(token.TypoForm, token.MaxEdits, typos);
        }

        typos.Remove(token.ExactWord);
        token.Typos = typos;
        foreach (var word in typos.Keys)
        {
            token.GroupEstimate += _postingStart[word + 1] - _postingStart[word];
        }
    }

    private int LowerBound(string text)
    {
        int low = 0, high = _words.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(_words[mid], text) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private List<AddressSearchHit> Execute(QueryToken[] tokens, int limit, bool typoPass)
    {
        var candidates = CandidateGroups(tokens, typoPass);
        if (candidates is null || candidates.Count == 0)
        {
            return [];
        }

        // Score every candidate group: the cheapest each token can do there (word or address level) is a lower
        // bound for all its addresses, so groups can be visited best-first and the scan stopped early.
        var t = tokens.Length;
        var groupCost = new int[candidates.Count * t];
        var keys = new long[candidates.Count];
        var baseMismatch = new int[candidates.Count];
        var usedTokens = new int[candidates.Count];
        var order = new int[candidates.Count];
        var tokenMasks = new ulong[t];
        var owner = new int[64];
        var kept = 0;
        foreach (var group in candidates)
        {
            var slot = kept;
            var bound = 0;
            var ok = true;
            for (var k = 0; k < t && ok; k++)
            {
                var token = tokens[k];
                var best = -1;
                for (var w = _groupWordStart[group]; w < _groupWordStart[group + 1]; w++)
                {
                    best = Combine(best, Cost(token, _groupWords[w]));
                }

                ulong mask = 0;
                for (var w = _groupWordStart[group]; best >= 0 && w < _groupWordStart[group + 1]; w++)
                {
                    var origin = _groupWordOrigin[w];
                    if (origin != NoOrigin && Cost(token, _groupWords[w]) == best)
                    {
                        mask |= 1UL << origin;
                    }
                }

                tokenMasks[k] = mask;
                groupCost[(slot * t) + k] = best;
                var low = Combine(best, token.AddressBest);
                ok = low >= 0;
                bound += Math.Max(low, 0);
            }

            if (!ok)
            {
                continue;
            }

            // Mismatch = words of the address no token stands for + tokens that stand for no word of it, with each
            // token standing for one word (a maximum matching), so "2, 1." does not read as "2, 1. 1".
            var matched = MatchWords(tokenMasks, t, owner, out var used);

            // Of house number, floor and door (at least the house number is there), each part no free token can
            // stand for adds one; each one that is matched takes one off. This bounds every address of the group.
            var free = 0;
            for (var k = 0; k < t; k++)
            {
                free += (used & (1 << k)) == 0 && tokens[k].AddressBest >= 0 ? 1 : 0;
            }

            baseMismatch[slot] = _groupOriginals[group] + t - (2 * matched);
            var lowest = baseMismatch[slot] + (free == 0 ? 1 : -Math.Min(3, free));
            keys[slot] = Pack(bound, Math.Max(0, lowest), _groupAddressStart[group]);
            usedTokens[slot] = used;
            order[slot] = group;
            kept++;
        }

        var slots = new int[kept];
        for (var i = 0; i < kept; i++)
        {
            slots[i] = i;
        }

        Array.Sort(keys, slots, 0, kept);
        var top = new long[limit];
        var parts = new int[t];
        var found = 0;
        for (var s = 0; s < kept; s++)
        {
            if (found == limit && keys[s] >= top[limit - 1])
            {
                break;
            }

            var slot = slots[s];
            var group = order[slot];
            var bound = (int)(keys[s] >> 42);
            var lowMismatch = (int)((keys[s] >> 32) & 1023);
            for (var i = _groupAddressStart[group]; i < _groupAddressStart[group + 1]; i++)
            {
                if (found == limit && Pack(bound, lowMismatch, i) >= top[limit - 1])
                {
                    break;
                }

                var key = ScoreAddress(tokens, groupCost, slot * t, i, baseMismatch[slot], usedTokens[slot], parts);
                if (key >= 0)
                {
                    found = Insert(top, found, key);
                }
            }
        }

        var hits = new List<AddressSearchHit>(found);
        for (var i = 0; i < found; i++)
        {
            var record = _records[(int)(top[i] & 0xFFFFFFFF)];
            hits.Add(new AddressSearchHit(
                record.Id,
                record.AccessAddressId,
                record.Text,
                record.PostCode,
                record.Entrance,
                record.Id == record.AccessAddressId,
                (int)(top[i] >> 42) / QueryToken.EditWeight));
        }

        return hits;
    }

    private long ScoreAddress(QueryToken[] tokens, int[] groupCost, int offset, int i, int baseMismatch, int usedTokens, int[] parts)
    {
        var cost = 0;
        var houseNumber = _houseNumber[i];
        var floor = _floor[i];
        var door = _door[i];
        var any = false;
        for (var k = 0; k < tokens.Length; k++)
        {
            var token = tokens[k];
            int hn = -1, fl = -1, dr = -1;
            if (token.HouseNumberCost is { } hnCost)
            {
                hn = hnCost[houseNumber];
            }

            if (floor != 0 && token.FloorCost is { } floorCost)
            {
                fl = floorCost[floor];
            }

            if (door != 0 && token.DoorCost is { } doorCost)
            {
                dr = doorCost[door];
            }

            var address = Combine(Combine(hn, fl), dr);
            var best = Combine(groupCost[offset + k], address);
            if (best < 0)
            {
                return -1;
            }

            cost += best;
            parts[k] = address < 0 || address != best || (usedTokens & (1 << k)) != 0
                ? 0
                : (hn == best ? 1 : 0) | (fl == best ? 2 : 0) | (dr == best ? 4 : 0);
            any |= parts[k] != 0;
        }

        var present = 1 + (floor != 0 ? 1 : 0) + (door != 0 ? 1 : 0);
        var score = any ? MatchParts(parts, tokens.Length, 0, 0, -1, -1) : 0;
        return Pack(cost, baseMismatch + present - score, i);
    }

    /// <summary>
    /// Best assignment of distinct tokens to house number (bit 1), floor (2) and door (4): two points per part
    /// matched, minus one for each pair taken out of order ("2. 1" is floor 2, door 1, not floor 1, door 2).
    /// </summary>
    private static int MatchParts(int[] parts, int count, int part, int taken, int first, int second)
    {
        if (part == 3)
        {
            return 0;
        }

        var best = MatchParts(parts, count, part + 1, taken, first, second);
        for (var k = 0; k < count; k++)
        {
            if ((parts[k] & (1 << part)) == 0 || (taken & (1 << k)) != 0)
            {
                continue;
            }

            var inversions = (first > k ? 1 : 0) + (second > k ? 1 : 0);
            var score = 2 - inversions + MatchParts(parts, count, part + 1, taken | (1 << k), part == 0 ? k : first, part == 1 ? k : second);
            best = Math.Max(best, score);
        }

        return best;
    }

    /// <summary>Maximum matching of tokens to the group's words (Kuhn's augmenting paths over bit masks).</summary>
    private static int MatchWords(ulong[] masks, int count, int[] owner, out int used)
    {
        Array.Fill(owner, -1);
        var matched = 0;
        for (var k = 0; k < count; k++)
        {
            ulong visited = 0;
            if (masks[k] != 0 && Augment(k, masks, owner, ref visited))
            {
                matched++;
            }
        }

        used = 0;
        foreach (var token in owner)
        {
            if (token >= 0)
            {
                used |= 1 << token;
            }
        }

        return matched;
    }

    private static bool Augment(int token, ulong[] masks, int[] owner, ref ulong visited)
    {
        var free = masks[token] & ~visited;
        while (free != 0)
        {
            var word = BitOperations.TrailingZeroCount(free);
            free &= free - 1;
            visited |= 1UL << word;
            if (owner[word] < 0 || Augment(owner[word], masks, owner, ref visited))
            {
                owner[word] = token;
                return true;
            }
        }

        return false;
    }

    private static int Insert(long[] top, int found, long key)
    {
        var position = found < top.Length ? found : top.Length - 1;
        if (found == top.Length && key >= top[position])
        {
            return found;
        }

        while (position > 0 && top[position - 1] > key)
        {
            top[position] = top[position - 1];
            position--;
        }

        top[position] = key;
        return Math.Min(found + 1, top.Length);
    }

    private List<int>? CandidateGroups(QueryToken[] tokens, bool typoPass)
    {
        // Drive by the rarest token that must match a road/town/postal-code word; if every token could also be a
        // house number, floor or door, drive by the rarest token that matches any word at all. A tolerant token
        // drives only through its full typo neighbourhood: in the typo pass (where its own spelling may be another
        // real word), or when no other token can drive.
        QueryToken? driver = null;
        foreach (var token in tokens.Where(x => x.MustMatchGroup))
        {
            if (!token.HasWordMatch && !token.Tolerant)
            {
                return null;
            }

            if (token.HasWordMatch && !(typoPass && token.Tolerant) && (driver is null || token.GroupEstimate < driver.GroupEstimate))
            {
                driver = token;
            }
        }

        if (driver is null)
        {
            foreach (var token in tokens.Where(x => x.HasWordMatch && !(typoPass && x.Tolerant)))
            {
                if (driver is null || token.GroupEstimate < driver.GroupEstimate)
                {
                    driver = token;
                }
            }
        }

        if (driver is null)
        {
            driver = tokens.Where(x => x.Tolerant).MaxBy(x => x.Text.Length);
            if (driver is null)
            {
                return null;
            }

            AddTypos(driver);
        }

        // Words the driver spells out (or nearly) contribute up to ExactGroupCap groups; words it is only a prefix
        // of stop contributing after PrefixGroupCap more, so that typing "Sa" or "st" costs little more than a whole
        // road name. Postings are in group order, so what a very broad query lists is still stable.
        var groups = new List<int>((int)Math.Min(driver.GroupEstimate, ExactGroupCap + PrefixGroupCap));
        if (driver.ExactWord >= 0)
        {
            AddPostings(driver.ExactWord, groups, ExactGroupCap);
        }

        if (driver.Typos is not null)
        {
            foreach (var w in driver.Typos.Keys)
            {
                AddPostings(w, groups, ExactGroupCap);
            }
        }

        var prefixCap = groups.Count + PrefixGroupCap;
        for (var w = driver.PrefixLow; w < driver.PrefixHigh && groups.Count < prefixCap; w++)
        {
            if (w != driver.ExactWord)
            {
                AddPostings(w, groups, prefixCap);
            }
        }

        groups.Sort();
        var distinct = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            if (i == 0 || groups[i] != groups[distinct - 1])
            {
                groups[distinct++] = groups[i];
            }
        }

        groups.RemoveRange(distinct, groups.Count - distinct);
        return groups;
    }

    /// <summary>Cost of <paramref name="word"/> for <paramref name="token"/>, including a bounded edit distance when it is tolerant.</summary>
    private int Cost(QueryToken token, int word)
    {
        var cost = token.WordCost(word);
        if (cost >= 0 || !token.Tolerant)
        {
            return cost;
        }

        if (!token.Checked.TryGetValue(word, out cost))
        {
            var edits = EditDistance.Within(token.Text, _words[word], token.MaxEdits);
            if (_wordTypoForm[word] is { } form)
            {
                var other = EditDistance.Within(token.TypoForm, form, token.MaxEdits);
                edits = edits < 0 ? other : other < 0 ? edits : Math.Min(edits, other);
            }
            else if (!ReferenceEquals(token.TypoForm, token.Text))
            {
                var other = EditDistance.Within(token.TypoForm, _words[word], token.MaxEdits);
                edits = edits < 0 ? other : other < 0 ? edits : Math.Min(edits, other);
            }

            cost = edits > 0 ? edits * QueryToken.EditWeight : -1;
            token.Checked[word] = cost;
        }

        return cost;
    }

    private void AddPostings(int word, List<int> into, int cap)
    {
        for (var p = _postingStart[word]; p < _postingStart[word + 1] && into.Count < cap; p++)
        {
            into.Add(_postings[p]);
        }
    }
}
