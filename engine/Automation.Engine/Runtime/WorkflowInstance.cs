using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Automation.Engine.Runtime;

/// <summary>Lifecycle of a workflow instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceStatus>))]
public enum InstanceStatus
{
    Running,
    Suspended,
    Finished,
    Faulted,
    Cancelled,
}

/// <summary>One run of a workflow definition version.</summary>
public sealed class WorkflowInstance
{
    public string Id { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public InstanceStatus Status { get; set; }

    /// <summary>Business key or correlation id given at start (for example a referral id).</summary>
    public string? CorrelationId { get; set; }

    public string? ParentInstanceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Who runs it now: <c>host:pid:guid</c>. Null when nobody holds it.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public InstanceState State { get; set; } = new();
}

/// <summary>Everything needed to continue an instance, stored as one JSON document at each activity boundary.</summary>
public sealed class InstanceState
{
    public JsonObject Input { get; set; } = [];

    public JsonObject Variables { get; set; } = [];

    public JsonObject Output { get; set; } = [];

    /// <summary>Activities waiting to run, in order.</summary>
    public List<Token> Tokens { get; set; } = [];

    /// <summary>Per-activity state that must survive suspension (a ForEach cursor, Join arrivals).</summary>
    public JsonObject ActivityState { get; set; } = [];

    public List<Bookmark> Bookmarks { get; set; } = [];

    public List<Incident> Incidents { get; set; } = [];

    /// <summary>Number of activity executions so far; also the journal's sequence.</summary>
    public long Step { get; set; }
}

/// <summary>A pending execution of an activity, and how the flow got there.</summary>
/// <param name="Activity">The activity to run.</param>
/// <param name="FromActivity">The activity whose outcome led here; null at the start.</param>
/// <param name="FromPort">The outcome port taken.</param>
public sealed record Token(string Activity, string? FromActivity = null, string? FromPort = null);

/// <summary>A fault recorded on an instance: what failed, where and why.</summary>
public sealed class Incident
{
    public string ActivityId { get; set; } = "";

    public string ActivityType { get; set; } = "";

    public string ExceptionType { get; set; } = "";

    public string Message { get; set; } = "";

    public string? StackTrace { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Set when an operator retried the instance from this incident.</summary>
    public bool Resolved { get; set; }
}
