using System.Text.Json.Nodes;

namespace Automation.Engine.Runtime;

/// <summary>Where an instance stands after a run: finished with output, suspended on bookmarks, or faulted with an incident.</summary>
public sealed record RunResult(string InstanceId, InstanceStatus Status, JsonObject Output, Incident? Incident, IReadOnlyList<Bookmark> Bookmarks)
{
    internal static RunResult Of(WorkflowInstance instance) => new(
        instance.Id,
        instance.Status,
        instance.State.Output,
        instance.Status == InstanceStatus.Faulted ? instance.State.Incidents.LastOrDefault(i => !i.Resolved) : null,
        instance.State.Bookmarks.ToList());
}

/// <summary>How to start an instance.</summary>
public sealed class StartOptions
{
    /// <summary>Values for the workflow's declared inputs.</summary>
    public JsonObject Input { get; init; } = [];

    /// <summary>A business key or correlation id (for example a referral id).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Fixed instance id; a new one is made when null.</summary>
    public string? InstanceId { get; init; }

    public string? ParentInstanceId { get; init; }
}

/// <summary>Settings of the runtime. Defaults suit one server process.</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>How long an instance's lease lasts without renewal. <value>2 minutes</value></summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether literal inputs are written to the journal as well as evaluated ones. <value>true</value></summary>
    public bool JournalLiteralInputs { get; set; } = true;

    /// <summary>
    /// Most activity executions in one run before the instance faults, so a loop whose exit never comes
    /// cannot spin forever. <value>1,000,000</value>
    /// </summary>
    public long MaxStepsPerRun { get; set; } = 1_000_000;

    /// <summary>Identifies this process as lease owner: <c>host:pid:random</c>.</summary>
    public string Owner { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>Where Log activities and activity log lines go (console for the CLI, Serilog for the server).</summary>
public interface IWorkflowLog
{
    void Write(string instanceId, string activityId, string message);
}

/// <summary>Discards log lines; they still reach the journal.</summary>
public sealed class NullWorkflowLog : IWorkflowLog
{
    public static NullWorkflowLog Instance { get; } = new();

    public void Write(string instanceId, string activityId, string message)
    {
    }
}

/// <summary>Hands timer bookmarks to a scheduler (Quartz in the server) so they are resumed when due.</summary>
public interface IBookmarkScheduler
{
    ValueTask ScheduleAsync(Bookmark bookmark, CancellationToken cancellationToken);

    ValueTask UnscheduleAsync(string bookmarkId, CancellationToken cancellationToken);
}

/// <summary>No scheduler: due timers are resumed by <see cref="WorkflowRuntime.ResumeDueTimersAsync"/>.</summary>
public sealed class NullBookmarkScheduler : IBookmarkScheduler
{
    public static NullBookmarkScheduler Instance { get; } = new();

    public ValueTask ScheduleAsync(Bookmark bookmark, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask UnscheduleAsync(string bookmarkId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>The inputs given at start do not fit the workflow's declared inputs.</summary>
public sealed class WorkflowInputException : Exception
{
    public WorkflowInputException()
    {
    }

    public WorkflowInputException(string message)
        : base(message)
    {
    }

    public WorkflowInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An instance, bookmark or definition that was asked for does not exist (or no longer waits).</summary>
public sealed class WorkflowNotFoundException : Exception
{
    public WorkflowNotFoundException()
    {
    }

    public WorkflowNotFoundException(string message)
        : base(message)
    {
    }

    public WorkflowNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Another process holds the instance's lease.</summary>
public sealed class InstanceLeasedException : Exception
{
    public InstanceLeasedException()
    {
    }

    public InstanceLeasedException(string message)
        : base(message)
    {
    }

    public InstanceLeasedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The instance is not in a state that allows the request (resuming a faulted instance, retrying one that did not fault).</summary>
public sealed class WorkflowStateException : Exception
{
    public WorkflowStateException()
    {
    }

    public WorkflowStateException(string message)
        : base(message)
    {
    }

    public WorkflowStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
