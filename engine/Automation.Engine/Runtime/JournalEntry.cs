using System.Text.Json.Nodes;

namespace Automation.Engine.Runtime;

/// <summary>One activity execution as recorded in the journal. Values are masked before they get here.</summary>
public sealed class JournalEntry
{
    public string InstanceId { get; set; } = "";

    /// <summary>Sequence within the instance (1, 2, ...).</summary>
    public long Sequence { get; set; }

    public string ActivityId { get; set; } = "";

    public string ActivityType { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    /// <summary>Ports taken, or <c>Suspended</c>, <c>Faulted</c>, <c>Ended</c>.</summary>
    public string Outcome { get; set; } = "";

    public JsonObject? Inputs { get; set; }

    public JsonObject? Outputs { get; set; }

    /// <summary>Log lines the activity wrote.</summary>
    public List<string>? Log { get; set; }

    public int Attempts { get; set; } = 1;

    public string? Exception { get; set; }
}
