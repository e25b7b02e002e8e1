using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// Gives every timer bookmark (a Delay) a one-shot Quartz trigger at its due time, stored in the database with the
/// rest of the schedule, so a restart loses no timer. The runtime calls this after it committed the bookmark.
/// </summary>
internal sealed partial class QuartzBookmarkScheduler(ISchedulerFactory schedulers, ILogger<QuartzBookmarkScheduler> logger) : IBookmarkScheduler
{
    public async ValueTask ScheduleAsync(Bookmark bookmark, CancellationToken cancellationToken)
    {
        if (bookmark.DueAt is not { } dueAt)
        {
            return;
        }

        // Never throws into the runtime: the bookmark is committed already, and the overdue sweep resumes it if this failed.
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.ScheduleTrigger(TriggerFor(bookmark.Id, dueAt), TriggerConflict.Replace, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogScheduleFailed(logger, ex, bookmark.Id, dueAt);
        }
    }

    public async ValueTask UnscheduleAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.UnscheduleJob(KeyOf(bookmarkId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A leftover trigger only fires a resume that finds no bookmark and does nothing.
            LogUnscheduleFailed(logger, ex, bookmarkId);
        }
    }

    /// <summary>
    /// Gives every stored timer bookmark that has no trigger one (a due one fires at once). Covers timers committed
    /// while the scheduler was unreachable, or by a process that ran the engine without a scheduler.
    /// </summary>
    public async Task<int> ScheduleMissingAsync(IInstanceStore store, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var added = 0;
        foreach (var bookmark in await store.FindDueBookmarksAsync(DateTimeOffset.MaxValue, cancellationToken))
        {
            if (bookmark.DueAt is { } dueAt && !await scheduler.Exists(KeyOf(bookmark.Id), cancellationToken))
            {
                await scheduler.ScheduleTrigger(TriggerFor(bookmark.Id, dueAt), TriggerConflict.Keep, cancellationToken);
                added++;
            }
        }

        return added;
    }

    private static TriggerKey KeyOf(string bookmarkId) => new(bookmarkId, DelayResumeJob.TriggerGroup);

    private static ITrigger TriggerFor(string bookmarkId, DateTimeOffset dueAt) =>
        TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity(KeyOf(bookmarkId))
            .ForJob(DelayResumeJob.Key)
            .UsingJobData(DelayResumeJob.BookmarkIdKey, bookmarkId)
            .StartAt(dueAt)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not schedule timer {BookmarkId} due {DueAt}; the overdue sweep will resume it")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, string bookmarkId, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the trigger of timer {BookmarkId}")]
    private static partial void LogUnscheduleFailed(ILogger logger, Exception exception, string bookmarkId);
}
