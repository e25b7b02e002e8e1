namespace Automation.Connectors.Reconciliation;

/// <summary>One compared field: its name in each system and how values are made comparable.</summary>
/// <param name="A">The field's name in system A.</param>
/// <param name="B">The field's name in system B.</param>
/// <param name="Normalization">Steps applied to both values before they are compared.</param>
public sealed record FieldMapping(string A, string B, Normalization Normalization);

/// <summary>What to join on and what to compare.</summary>
public sealed class ReconciliationSpec
{
    /// <summary>The key field names in A; several make a composite key.</summary>
    public required IReadOnlyList<string> KeyA { get; init; }

    /// <summary>The key field names in B, in the same order as <see cref="KeyA"/>.</summary>
    public required IReadOnlyList<string> KeyB { get; init; }

    /// <summary>Steps applied to each key value. <value>Trim</value></summary>
    public Normalization KeyNormalization { get; init; } = Normalization.Trim;

    /// <summary>The compared fields.</summary>
    public required IReadOnlyList<FieldMapping> Fields { get; init; }
}
