namespace Automation.Data.Schema;

/// <summary>One activity execution of an instance, in sequence; values are masked before they are written.</summary>
public sealed class JournalRow
{
    public string InstanceId { get; set; } = "";

    public long Sequence { get; set; }

    public string ActivityId { get; set; } = "";

    public string ActivityType { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public string Outcome { get; set; } = "";

    /// <summary>JSON object, or null.</summary>
    public string? Inputs { get; set; }

    /// <summary>JSON object, or null.</summary>
    public string? Outputs { get; set; }

    /// <summary>JSON array of log lines, or null.</summary>
    public string? Log { get; set; }

    public int Attempts { get; set; }

    public string? Exception { get; set; }
}
