namespace Automation.Data.Schema;

/// <summary>A point where a suspended instance waits; a copy of the bookmark in the instance state, kept for lookups by kind, key and due time.</summary>
public sealed class BookmarkRow
{
    public string Id { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public string ActivityId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? Key { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>JSON object, or null.</summary>
    public string? Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
