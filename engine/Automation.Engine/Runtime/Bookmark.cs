using System.Text.Json.Nodes;

namespace Automation.Engine.Runtime;

/// <summary>Well-known bookmark kinds.</summary>
public static class BookmarkKinds
{
    public const string Delay = "Delay";
    public const string Signal = "Signal";
    public const string HumanTask = "HumanTask";
    public const string SubWorkflow = "SubWorkflow";
}

/// <summary>What a blocking activity asks for: the runtime turns it into a stored <see cref="Bookmark"/>.</summary>
/// <param name="Kind">One of <see cref="BookmarkKinds"/> or an extension's own kind.</param>
/// <param name="Key">What resumes it: a signal name, a role, a child instance id.</param>
/// <param name="DueAt">For timers: when it should be resumed.</param>
/// <param name="Payload">Data for whoever resumes it (a human task's form, for example).</param>
public sealed record BookmarkRequest(string Kind, string? Key = null, DateTimeOffset? DueAt = null, JsonObject? Payload = null);

/// <summary>A point where a suspended instance waits to be resumed.</summary>
public sealed class Bookmark
{
    public string Id { get; set; } = "";

    public string InstanceId { get; set; } = "";

    /// <summary>The activity that created it and is resumed with it.</summary>
    public string ActivityId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? Key { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public JsonObject? Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
