namespace Automation.Connectors.Reconciliation;

/// <summary>
/// One side of a reconciliation: records addressed by position, fields by an index resolved once from a name, so the
/// join reads values without per-record lookups of names or copies of records.
/// </summary>
public interface IRecordSet
{
    /// <summary>Number of records.</summary>
    int Count { get; }

    /// <summary>The index to pass to <see cref="GetText"/> for the field called <paramref name="name"/>; faults with a clear message when the records have no such field.</summary>
    int FieldIndex(string name);

    /// <summary>The field's value as text; null when the record has no value for it.</summary>
    string? GetText(int record, int field);
}
