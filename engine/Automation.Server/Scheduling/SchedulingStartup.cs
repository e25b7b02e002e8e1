using Automation.Engine.Persistence;
using Microsoft.Extensions.Options;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// Runs once the scheduler has started: puts the triggers of every published workflow in force, gives timers
/// without a trigger one (due ones fire at once), and keeps the overdue-timer sweep scheduled.
/// </summary>
internal sealed partial class SchedulingStartup(
    WorkflowTriggers triggers,
    QuartzBookmarkScheduler timers,
    IInstanceStore store,
    ISchedulerFactory schedulers,
    IOptions<SchedulingOptions> options,
    ILogger<SchedulingStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await triggers.ApplyAllAsync(cancellationToken);
        var added = await timers.ScheduleMissingAsync(store, cancellationToken);
        if (added > 0)
        {
            LogTimersScheduled(logger, added);
        }

        await ScheduleSweepAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ScheduleSweepAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var interval = options.Value.OverdueTimerSweepInterval;
        if (await scheduler.GetTrigger(OverdueTimerSweepJob.TriggerKey, cancellationToken) is ISimpleTrigger current && current.RepeatInterval == interval)
        {
            return;
        }

        var job = JobBuilder.Create<OverdueTimerSweepJob>().WithIdentity(OverdueTimerSweepJob.Key).WithDescription("Resumes overdue timers").Build();
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity(OverdueTimerSweepJob.TriggerKey)
            .ForJob(OverdueTimerSweepJob.Key)
            .StartAt(DateTimeOffset.UtcNow + interval)
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Count} stored timers that had no trigger")]
    private static partial void LogTimersScheduled(ILogger logger, int count);
}
