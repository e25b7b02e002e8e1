using Automation.Engine.Runtime;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// Resumes the instance waiting on a timer bookmark (a Delay) when its one-shot trigger fires. The bookmark id is the
/// trigger's name and its job data. Instances run concurrently; the runtime's lease keeps one instance on one run.
/// </summary>
internal sealed partial class DelayResumeJob(WorkflowRuntime runtime, ILogger<DelayResumeJob> logger) : IJob
{
    /// <summary>The one durable job every Delay trigger fires.</summary>
    public static readonly JobKey Key = new("resume-timer", "timers");

    /// <summary>The Quartz group of Delay triggers; a trigger's name is its bookmark id.</summary>
    public const string TriggerGroup = "timers";

    /// <summary>Job data key of the bookmark id.</summary>
    public const string BookmarkIdKey = "bookmarkId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var bookmarkId = context.MergedJobDataMap.TryGetValue(BookmarkIdKey, out var value) && value is string id ? id : context.Trigger.Key.Name;
        try
        {
            await runtime.ResumeBookmarkAsync(bookmarkId, null, cancellationToken);
        }
        catch (WorkflowNotFoundException)
        {
            // Resumed already (the start-up pass or the overdue sweep), or the instance was cancelled.
        }
        catch (WorkflowStateException)
        {
            // The instance faulted in another branch; after an operator retries it, the overdue sweep resumes this timer.
        }
        catch (InstanceLeasedException)
        {
            // Another node runs the instance right now; the overdue sweep resumes the timer once it is free.
            LogBusy(logger, bookmarkId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, bookmarkId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {BookmarkId} is due but its instance is busy elsewhere; the overdue sweep will resume it")]
    private static partial void LogBusy(ILogger logger, string bookmarkId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming timer {BookmarkId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string bookmarkId);
}
