namespace Automation.Connectors.Reconciliation;

/// <summary>A pair of records with the same key whose compared fields differ.</summary>
/// <param name="A">The record's position in A.</param>
/// <param name="B">The record's position in B.</param>
/// <param name="Fields">Positions in <see cref="ReconciliationSpec.Fields"/> of the fields that differ after normalising.</param>
public readonly record struct DifferingPair(int A, int B, int[] Fields);

/// <summary>A key that occurs more than once on one side.</summary>
/// <param name="Key">The normalised key (composite parts joined by U+001F).</param>
/// <param name="Records">Positions of the records carrying it, in order.</param>
public sealed record DuplicateKey(string Key, IReadOnlyList<int> Records);

/// <summary>
/// The outcome of a reconciliation, by record position. Records whose key is duplicated on either side take no part
/// in matching: which of them pairs with which cannot be known, so they are reported instead of merged.
/// </summary>
public sealed class ReconciliationResult
{
    /// <summary>Pairs with the same key and equal compared fields.</summary>
    public int Matched { get; internal set; }

    /// <summary>Positions in A of records whose key B lacks, in A's order.</summary>
    public List<int> OnlyInA { get; } = [];

    /// <summary>Positions in B of records whose key A lacks, in B's order.</summary>
    public List<int> OnlyInB { get; } = [];

    /// <summary>Pairs that differ, in A's order.</summary>
    public List<DifferingPair> Differing { get; } = [];

    public List<DuplicateKey> DuplicateKeysA { get; } = [];

    public List<DuplicateKey> DuplicateKeysB { get; } = [];
}
