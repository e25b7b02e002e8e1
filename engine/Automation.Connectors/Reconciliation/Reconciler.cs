using System.Runtime.InteropServices;

namespace Automation.Connectors.Reconciliation;

/// <summary>
/// The reconciliation itself: an in-memory hash join on the normalised key, then a field comparison of each pair.
/// Each key is normalised once; values are compared as they are first and normalised (into reused buffers) only
/// when they differ, so equal records cost no allocation.
/// </summary>
public static class Reconciler
{
    private const int None = -1;
    private const int Duplicated = -2;

    // The unit separator cannot occur in typed data, so composite keys ("a","bc") and ("ab","c") stay apart.
    private const char KeySeparator = '\u001F';

    public static ReconciliationResult Run(IRecordSet a, IRecordSet b, ReconciliationSpec spec, CancellationToken cancellationToken)
    {
        if (spec.KeyA.Count == 0 || spec.KeyA.Count != spec.KeyB.Count)
        {
            throw new ArgumentException("The key needs at least one field, and as many fields in B as in A.", nameof(spec));
        }

        var keyA = spec.KeyA.Select(a.FieldIndex).ToArray();
        var keyB = spec.KeyB.Select(b.FieldIndex).ToArray();
        var fieldsA = spec.Fields.Select(f => a.FieldIndex(f.A)).ToArray();
        var fieldsB = spec.Fields.Select(f => b.FieldIndex(f.B)).ToArray();

        // The compared values are copied (as references, no new strings) into one array per side, a record's fields
        // side by side, while the key is read: the pair loop then touches one cache line per record instead of a
        // scattered JSON object.
        var valuesA = new string?[(long)a.Count * fieldsA.Length];
        var valuesB = new string?[(long)b.Count * fieldsB.Length];

        var result = new ReconciliationResult();
        var scratchA = new NormalizationScratch();
        var keys = new Dictionary<string, Slot>(b.Count + (a.Count / 8));
        Dictionary<string, List<int>>? duplicatesA = null;
        Dictionary<string, List<int>>? duplicatesB = null;

        for (var i = 0; i < b.Count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var key = Key(b, i, keyB, spec.KeyNormalization, scratchA);
            CopyValues(b, i, fieldsB, valuesB);
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(keys, key, out var exists);
            if (!exists)
            {
                slot = new Slot(None, i);
            }
            else
            {
                slot.B = NoteDuplicate(ref duplicatesB, key, slot.B, i);
            }
        }

        for (var i = 0; i < a.Count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var key = Key(a, i, keyA, spec.KeyNormalization, scratchA);
            CopyValues(a, i, fieldsA, valuesA);
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(keys, key, out var exists);
            if (!exists)
            {
                slot = new Slot(i, None);
            }
            else if (slot.A == None)
            {
                slot.A = i;
            }
            else
            {
                slot.A = NoteDuplicate(ref duplicatesA, key, slot.A, i);
            }
        }

        var scratchB = new NormalizationScratch();
        var differingFields = new List<int>(spec.Fields.Count);
        var compared = 0;
        foreach (var (_, slot) in keys)
        {
            if ((++compared & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (slot.A == Duplicated || slot.B == Duplicated)
            {
                continue;
            }

            if (slot.B == None)
            {
                result.OnlyInA.Add(slot.A);
            }
            else if (slot.A == None)
            {
                result.OnlyInB.Add(slot.B);
            }
            else
            {
                differingFields.Clear();
                for (var f = 0; f < fieldsA.Length; f++)
                {
                    var normalization = spec.Fields[f].Normalization;
                    if (!Equal(valuesA[((long)slot.A * fieldsA.Length) + f], valuesB[((long)slot.B * fieldsB.Length) + f], normalization, scratchA, scratchB))
                    {
                        differingFields.Add(f);
                    }
                }

                if (differingFields.Count == 0)
                {
                    result.Matched++;
                }
                else
                {
                    result.Differing.Add(new DifferingPair(slot.A, slot.B, differingFields.ToArray()));
                }
            }
        }

        // The dictionary yields B's keys first, so pairs come in B's order; people read reports in A's.
        result.Differing.Sort(static (x, y) => x.A.CompareTo(y.A));
        result.OnlyInA.Sort();
        AddDuplicates(duplicatesA, result.DuplicateKeysA);
        AddDuplicates(duplicatesB, result.DuplicateKeysB);
        return result;
    }

    /// <summary>Whether two values are equal after normalising; null and empty are the same.</summary>
    public static bool Equal(string? a, string? b, Normalization normalization, NormalizationScratch scratchA, NormalizationScratch scratchB)
    {
        if (string.Equals(a ?? "", b ?? "", StringComparison.Ordinal))
        {
            return true;
        }

        if (normalization == Normalization.None)
        {
            return false;
        }

        var left = TextNormalizer.Normalize(a.AsSpan(), normalization, scratchA);
        var right = TextNormalizer.Normalize(b.AsSpan(), normalization, scratchB);
        return left.SequenceEqual(right);
    }

    private static void CopyValues(IRecordSet records, int record, int[] fields, string?[] values)
    {
        var at = (long)record * fields.Length;
        for (var f = 0; f < fields.Length; f++)
        {
            values[at + f] = records.GetText(record, fields[f]);
        }
    }

    private static string Key(IRecordSet records, int record, int[] fields, Normalization normalization, NormalizationScratch scratch)
    {
        if (fields.Length == 1)
        {
            return NormalizeKey(records.GetText(record, fields[0]), normalization, scratch);
        }

        var parts = new string[fields.Length];
        for (var k = 0; k < fields.Length; k++)
        {
            parts[k] = NormalizeKey(records.GetText(record, fields[k]), normalization, scratch);
        }

        return string.Join(KeySeparator, parts);
    }

    private static string NormalizeKey(string? value, Normalization normalization, NormalizationScratch scratch)
    {
        if (string.IsNullOrEmpty(value) || normalization == Normalization.None)
        {
            return value ?? "";
        }

        if (normalization == Normalization.Trim)
        {
            return value.Trim();
        }

        var normalized = TextNormalizer.Normalize(value.AsSpan(), normalization, scratch);
        return normalized.SequenceEqual(value) ? value : new string(normalized);
    }

    private static int NoteDuplicate(ref Dictionary<string, List<int>>? duplicates, string key, int existing, int record)
    {
        duplicates ??= new Dictionary<string, List<int>>(StringComparer.Ordinal);
        if (existing == Duplicated)
        {
            duplicates[key].Add(record);
        }
        else
        {
            duplicates[key] = [existing, record];
        }

        return Duplicated;
    }

    private static void AddDuplicates(Dictionary<string, List<int>>? duplicates, List<DuplicateKey> target)
    {
        if (duplicates is null)
        {
            return;
        }

        target.AddRange(duplicates.Select(d => new DuplicateKey(d.Key, d.Value)).OrderBy(d => d.Records[0]));
    }

    private struct Slot(int a, int b)
    {
        public int A = a;
        public int B = b;
    }
}
