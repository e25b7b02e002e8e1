using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Microsoft.Extensions.Options;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// Safety net: resumes timers that are overdue by more than the sweep interval, which only happens when scheduling
/// their trigger failed or their instance was busy on another node when the trigger fired.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class OverdueTimerSweepJob(
    IInstanceStore store,
    WorkflowRuntime runtime,
    TimeProvider clock,
    IOptions<SchedulingOptions> options,
    ILogger<OverdueTimerSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("overdue-timer-sweep", "timers");

    public static readonly TriggerKey TriggerKey = new("overdue-timer-sweep", "timers");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var overdue = await store.FindDueBookmarksAsync(clock.GetUtcNow() - options.Value.OverdueTimerSweepInterval, cancellationToken);
        foreach (var bookmark in overdue)
        {
            try
            {
                await runtime.ResumeBookmarkAsync(bookmark.Id, null, cancellationToken);
                LogResumed(logger, bookmark.Id, bookmark.InstanceId, bookmark.DueAt);
            }
            catch (Exception ex) when (ex is WorkflowNotFoundException or InstanceLeasedException or WorkflowStateException)
            {
                // Resumed meanwhile, still busy, or its instance faulted and waits for a retry: the next sweep looks again.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, bookmark.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resumed overdue timer {BookmarkId} of instance {InstanceId} (due {DueAt})")]
    private static partial void LogResumed(ILogger logger, string bookmarkId, string instanceId, DateTimeOffset? dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming overdue timer {BookmarkId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string bookmarkId);
}
