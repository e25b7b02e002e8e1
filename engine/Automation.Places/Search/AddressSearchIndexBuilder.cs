using System.Numerics;
using Automation.Places.Model;

namespace Automation.Places.Search;

/// <summary>
/// Turns address records into the arrays of an <see cref="AddressSearchIndex"/>: distinct road/postal-code/town
/// combinations become groups with folded words and abbreviations, records are sorted by group so each group's
/// addresses are one contiguous range, and house numbers, floors and doors become small ids.
/// </summary>
internal static class AddressSearchIndexBuilder
{
    private const int MaxOriginals = 63;

    public static AddressSearchIndexParts Build(IReadOnlyList<AddressRecord> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var n = addresses.Count;
        var groupIds = new Dictionary<GroupKey, int>();
        var groups = new List<GroupKey>();
        var houseNumbers = new Ids();
        var floors = new Ids();
        var doors = new Ids();
        var recordGroup = new int[n];
        var recordHouse = new int[n];
        var recordFloor = new int[n];
        var recordDoor = new int[n];
        var previous = default(GroupKey);
        var previousId = -1;
        for (var i = 0; i < n; i++)
        {
            var record = addresses[i] ?? throw new ArgumentException($"Address number {i} in the list is null; pass only real records.", nameof(addresses));
            var key = new GroupKey(record.RoadName, record.AddressingRoadName, record.SupplementaryTownName, record.PostCode, record.PostCodeName);
            if (previousId < 0 || !key.Equals(previous))
            {
                if (!groupIds.TryGetValue(key, out previousId))
                {
                    previousId = groups.Count;
                    groupIds.Add(key, previousId);
                    groups.Add(key);
                }

                previous = key;
            }

            recordGroup[i] = previousId;
            recordHouse[i] = houseNumbers.IdOf(record.HouseNumber);
            recordFloor[i] = record.Floor is null ? 0 : floors.IdOf(record.Floor) + 1;
            recordDoor[i] = record.Door is null ? 0 : doors.IdOf(record.Door) + 1;
        }

        // Stable text order: road, postal code, town; then house number, floor, door.
        var groupRank = Rank(groups.Count, g => $"{DanishFolding.Fold(groups[g].Road)}\u0001{groups[g].PostCode}\u0001{DanishFolding.Fold(groups[g].Town)}\u0001{groups[g].AddressingRoad}\u0001{groups[g].PostName}", StringComparer.Ordinal);
        var houseRank = houseNumbers.Ranks(HouseNumberOrder);
        var floorRank = floors.Ranks(FloorOrder);
        var doorRank = doors.Ranks(FloorOrder);

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        int houseBits = Bits(houseRank.Length), floorBits = Bits(floorRank.Length), doorBits = Bits(doorRank.Length);
        if (Bits(groups.Count) + houseBits + floorBits + doorBits + 1 <= 63)
        {
            var keys = new long[n];
            for (var i = 0; i < n; i++)
            {
                keys[i] = ((((((((long)groupRank[recordGroup[i]] << houseBits) | (long)houseRank[recordHouse[i] + 1]) << floorBits) | (long)floorRank[recordFloor[i]]) << doorBits) | (long)doorRank[recordDoor[i]]) << 1) | (IsAdgangsadresse(addresses[i]) ? 0L : 1L);
            }

            Array.Sort(keys, order);
        }
        else
        {
            Array.Sort(order, (a, b) =>
            {
                var c = groupRank[recordGroup[a]].CompareTo(groupRank[recordGroup[b]]);
                c = c != 0 ? c : houseRank[recordHouse[a] + 1].CompareTo(houseRank[recordHouse[b] + 1]);
                c = c != 0 ? c : floorRank[recordFloor[a]].CompareTo(floorRank[recordFloor[b]]);
                c = c != 0 ? c : doorRank[recordDoor[a]].CompareTo(doorRank[recordDoor[b]]);

                // Where an adresse reads exactly like its adgangsadresse, the adgangsadresse comes first.
                return c != 0 ? c : IsAdgangsadresse(addresses[b]).CompareTo(IsAdgangsadresse(addresses[a]));
            });
        }

        var records = new AddressRecord[n];
        var house = new int[n];
        var floor = new short[n];
        var door = new short[n];
        var groupAddressStart = new int[groups.Count + 1];
        for (var i = 0; i < n; i++)
        {
            var source = order[i];
            records[i] = addresses[source];
            house[i] = recordHouse[source];
            floor[i] = checked((short)recordFloor[source]);
            door[i] = checked((short)recordDoor[source]);
            groupAddressStart[groupRank[recordGroup[source]] + 1]++;
        }

        for (var g = 0; g < groups.Count; g++)
        {
            groupAddressStart[g + 1] += groupAddressStart[g];
        }

        var byRank = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            byRank[groupRank[g]] = g;
        }

        var parts = BuildWords(groups, byRank);
        return new AddressSearchIndexParts
        {
            Records = records,
            HouseNumber = house,
            Floor = floor,
            Door = door,
            HouseNumbers = houseNumbers.Folded(),
            Floors = ["", .. floors.Folded()],
            Doors = ["", .. doors.Folded()],
            GroupAddressStart = groupAddressStart,
            GroupWordStart = parts.WordStart,
            GroupWords = parts.Words,
            GroupWordOrigin = parts.Origins,
            GroupOriginals = parts.Originals,
            Words = parts.Vocabulary,
            PostingStart = parts.PostingStart,
            Postings = parts.Postings,
            TypoForms = parts.TypoForms,
            TypoFormWords = parts.TypoFormWords,
        };
    }

    private static WordParts BuildWords(List<GroupKey> groups, int[] byRank)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var wordStart = new int[groups.Count + 1];
        var words = new List<int>(groups.Count * 8);
        var origins = new List<byte>(groups.Count * 8);
        var originals = new byte[groups.Count];
        var folded = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var typoForms = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, byte>(StringComparer.Ordinal);
        var own = new List<string>();
        for (var rank = 0; rank < groups.Count; rank++)
        {
            var key = groups[byRank[rank]];
            seen.Clear();
            own.Clear();
            var road = Tokens(key.Road, folded, typoForms);
            own.AddRange(road);
            own.AddRange(Tokens(key.Town, folded, typoForms));
            own.AddRange(Tokens(key.PostCode, folded, typoForms));
            own.AddRange(Tokens(key.PostName, folded, typoForms));
            foreach (var word in own)
            {
                if (!seen.ContainsKey(word))
                {
                    seen[word] = (byte)Math.Min(seen.Count, MaxOriginals);
                }
            }

            originals[rank] = (byte)Math.Min(seen.Count, MaxOriginals + 1);

            // The addressing road name ("Borgm Christiansensg") stands for the road name word by word when both
            // have as many words; otherwise its words still match but count for no particular word.
            var addressing = Tokens(key.AddressingRoad, folded, typoForms);
            for (var i = 0; i < addressing.Count; i++)
            {
                if (!seen.ContainsKey(addressing[i]))
                {
                    seen[addressing[i]] = addressing.Count == road.Count ? seen[road[i]] : byte.MaxValue;
                }
            }

            // "Vejrup-Vej" is also found as one word ("vejrupvej"), as people often type it.
            if (key.Road.Contains('-', StringComparison.Ordinal) && road.Count > 1)
            {
                seen.TryAdd(string.Concat(road), seen[road[0]]);
            }

            foreach (var (word, origin) in seen.ToList())
            {
                foreach (var alias in SynonymDictionary.AliasesOf(word))
                {
                    seen.TryAdd(alias, origin);
                }
            }

            foreach (var (word, origin) in seen)
            {
                if (!vocabulary.TryGetValue(word, out var id))
                {
                    id = vocabulary.Count;
                    vocabulary.Add(word, id);
                }

                words.Add(id);
                origins.Add(origin == MaxOriginals ? byte.MaxValue : origin);
            }

            wordStart[rank + 1] = words.Count;
        }

        // Renumber words in ordinal order so that all words with a given prefix form one id range.
        var sorted = vocabulary.Keys.Order(StringComparer.Ordinal).ToArray();
        var remap = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            remap[vocabulary[sorted[i]]] = i;
        }

        var groupWords = new int[words.Count];
        var postingStart = new int[sorted.Length + 1];
        for (var i = 0; i < words.Count; i++)
        {
            groupWords[i] = remap[words[i]];
            postingStart[groupWords[i] + 1]++;
        }

        for (var w = 0; w < sorted.Length; w++)
        {
            postingStart[w + 1] += postingStart[w];
        }

        var postings = new int[words.Count];
        var fill = (int[])postingStart.Clone();
        for (var g = 0; g < groups.Count; g++)
        {
            for (var i = wordStart[g]; i < wordStart[g + 1]; i++)
            {
                postings[fill[groupWords[i]]++] = g;
            }
        }

        // The trie for typo matching holds every word as folded plus, for words written with æ, ø or å, that spelling.
        var forms = new List<string>(sorted);
        var formWords = new List<int>(Enumerable.Range(0, sorted.Length));
        foreach (var (typo, plain) in typoForms)
        {
            if (vocabulary.TryGetValue(plain, out var id))
            {
                forms.Add(typo);
                formWords.Add(remap[id]);
            }
        }

        return new WordParts(sorted, wordStart, groupWords, [.. origins], originals, postingStart, postings, [.. forms], [.. formWords]);
    }

    private static List<string> Tokens(string? text, Dictionary<string, List<string>> cache, Dictionary<string, string> typoForms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        if (!cache.TryGetValue(text, out var tokens))
        {
            var pairs = DanishFolding.TokenizeWithTypoForms(text);
            tokens = [.. pairs.Select(p => p.Folded)];
            foreach (var (folded, typo) in pairs)
            {
                if (!ReferenceEquals(folded, typo))
                {
                    typoForms.TryAdd(typo, folded);
                }
            }

            cache[text] = tokens;
        }

        return tokens;
    }

    private static int[] Rank(int count, Func<int, string> sortKey, IComparer<string> comparer)
    {
        var keys = new string[count];
        var items = new int[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = sortKey(i);
            items[i] = i;
        }

        Array.Sort(keys, items, comparer);
        var rank = new int[count];
        for (var i = 0; i < count; i++)
        {
            rank[items[i]] = i;
        }

        return rank;
    }

    /// <summary>The adgangsadresse itself, not an adresse below it (which may also lack floor and door).</summary>
    private static bool IsAdgangsadresse(AddressRecord record) => record.Id == record.AccessAddressId;

    private static int Bits(int count) => count <= 1 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)(count - 1));

    private static (int Class, int Number) HouseNumberOrder(string folded)
    {
        var digits = folded.TakeWhile(char.IsAsciiDigit).Count();
        var number = digits is > 0 and < 9 ? int.Parse(folded.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
        return (0, number);
    }

    /// <summary>Basement ("kl", "k1") before ground floor ("st") before numbered floors; other values last.</summary>
    private static (int Class, int Number) FloorOrder(string folded)
    {
        if (folded.Length > 0 && folded.All(char.IsAsciiDigit) && folded.Length < 9)
        {
            return (2, int.Parse(folded, System.Globalization.CultureInfo.InvariantCulture));
        }

        return folded switch
        {
            "kl" => (0, 0),
            "st" => (1, 0),
            _ when folded.StartsWith('k') => (0, 1),
            _ => (3, 0),
        };
    }

    private readonly record struct GroupKey(string Road, string AddressingRoad, string? Town, string PostCode, string PostName);

    private sealed record WordParts(string[] Vocabulary, int[] WordStart, int[] Words, byte[] Origins, byte[] Originals, int[] PostingStart, int[] Postings, string[] TypoForms, int[] TypoFormWords);

    /// <summary>Small ids for house numbers, floors or doors, keyed by the raw text (folded once per distinct value).</summary>
    private sealed class Ids
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _raw = [];

        public int IdOf(string raw)
        {
            if (!_ids.TryGetValue(raw, out var id))
            {
                id = _raw.Count;
                _ids.Add(raw, id);
                _raw.Add(raw);
            }

            return id;
        }

        public string[] Folded() => [.. _raw.Select(r => string.Concat(DanishFolding.Tokenize(r)))];

        /// <summary>Rank per id + 1 (slot 0 is "none", which ranks first).</summary>
        public int[] Ranks(Func<string, (int Class, int Number)> order)
        {
            var folded = Folded();
            var sorted = Enumerable.Range(0, folded.Length).OrderBy(i => order(folded[i])).ThenBy(i => folded[i], StringComparer.Ordinal).ToArray();
            var rank = new int[folded.Length + 1];
            for (var i = 0; i < sorted.Length; i++)
            {
                rank[sorted[i] + 1] = i + 1;
            }

            return rank;
        }
    }
}
