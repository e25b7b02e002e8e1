namespace Automation.Places.Store;

/// <summary>What writing one record did to the store.</summary>
public enum RecordOutcome
{
    /// <summary>A new record: version 1 was written.</summary>
    Added,

    /// <summary>The record differed from its current version: the old version was closed and a new one written.</summary>
    Changed,

    /// <summary>Identical to the current version: nothing was written.</summary>
    Unchanged,

    /// <summary>The same key was already written earlier in this batch: nothing was written.</summary>
    RepeatedKey,
}
