using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Timers;

/// <summary>
/// Waits for a duration or until a point in time. The instance suspends on a timer bookmark that the scheduler
/// (or <see cref="WorkflowRuntime.ResumeDueTimersAsync"/>) resumes when it is due, so nothing is held in memory meanwhile.
/// </summary>
[Activity("Delay", "Timers", "Delay", Description = "Waits for a duration (00:00:05, PT5S or milliseconds) or until a date and time.")]
public sealed class Delay : IActivity, IResumable
{
    public static readonly Input<string> Duration = new("duration", "Duration", DataType.String)
    {
        Editor = InputEditor.Duration,
        Description = "How long to wait: hh:mm:ss, ISO 8601 such as PT5S, or a number of milliseconds.",
    };

    public static readonly Input<DateTimeOffset?> Until = new("until", "Until", DataType.DateTime)
    {
        Description = "Wait until this date and time instead of for a duration.",
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        var dueAt = DueAt(context, now);
        if (dueAt <= now)
        {
            return ValueTask.FromResult(ActivityResult.Done);
        }

        context.RecordOutput("dueAt", JsonValue.Create(dueAt));
        return ValueTask.FromResult(ActivityResult.Suspend(new BookmarkRequest(BookmarkKinds.Delay, DueAt: dueAt)));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Bookmark bookmark, JsonNode? payload, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Done);

    private static DateTimeOffset DueAt(ActivityContext context, DateTimeOffset now)
    {
        if (context.Has(Until) && context.Get(Until) is { } until)
        {
            return until;
        }

        if (!context.Has(Duration))
        {
            throw new WorkflowFaultException(context.Has(Until)
                ? $"Input 'until' of Delay '{context.ActivityId}' has no value; make its expression return a date and time, or set 'duration'."
                : $"Delay '{context.ActivityId}' has neither 'duration' nor 'until'; set one of them.");
        }

        var text = context.Get(Duration) ?? "";
        if (!JsonValueConverter.TryDuration(text.Trim(), out var duration))
        {
            throw new WorkflowFaultException(
                $"Input 'duration' of Delay '{context.ActivityId}' is '{text}', which is not a duration; use hh:mm:ss (00:00:05), ISO 8601 (PT5S) or a number of milliseconds.");
        }

        return duration <= TimeSpan.Zero ? now : now + duration;
    }
}
