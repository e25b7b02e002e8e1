namespace Automation.Places.Store;

/// <summary>One stored version of a record with its validity (ValidTo is null for the current version).</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed record StoredVersion<T>(T Record, int Version, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, string Source);
