using Automation.Engine.Definitions;
using Automation.Engine.Validation;
using Microsoft.Extensions.Options;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// Keeps Quartz in step with the <c>cron</c> and <c>timer</c> triggers of each workflow's latest published version:
/// one job per workflow, one trigger per distinct schedule. A trigger's key spells its schedule (and a cron's time zone), so a schedule that did
/// not change keeps its trigger (and its next fire time and misfire state) across publishes and restarts.
/// </summary>
internal sealed partial class ScheduledTriggers(ISchedulerFactory schedulers, IOptions<SchedulingOptions> options, ILogger<ScheduledTriggers> logger)
{
    public const string CronKind = "cron";
    public const string TimerKind = "timer";

    /// <summary>Shortest timer interval accepted.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    /// <summary>Problems with the definition's cron and timer triggers, each naming the trigger and the fix.</summary>
    public static List<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        var scheduled = false;
        for (var i = 0; i < definition.Triggers.Count; i++)
        {
            var trigger = definition.Triggers[i];
            if (IsKind(trigger, CronKind))
            {
                scheduled = true;
                if (!CronSchedules.TryParse(trigger.Cron, out _, out var error))
                {
                    problems.Add(new ValidationProblem($"triggers[{i}].cron", $"cron trigger {i + 1}: {error}; {CronSchedules.Hint}", ActivityId: trigger.Activity));
                }
            }
            else if (IsKind(trigger, TimerKind))
            {
                scheduled = true;
                if (trigger.Interval is not { } interval || interval < MinimumInterval)
                {
                    problems.Add(new ValidationProblem(
                        $"triggers[{i}].interval",
                        $"timer trigger {i + 1} has {(trigger.Interval is null ? "no interval" : $"the interval {trigger.Interval}")}; give an interval of at least {MinimumInterval.TotalSeconds:0} second, such as \"00:05:00\" for every five minutes",
                        ActivityId: trigger.Activity));
                }
            }
        }

        if (scheduled)
        {
            // A scheduled start passes only {firedAt}: an input it cannot give would fault every firing.
            foreach (var input in definition.Inputs.Where(i => i.Required && i.Default is null && i.Name != WorkflowTriggerJob.FiredAtInput))
            {
                problems.Add(new ValidationProblem(
                    "inputs",
                    $"input '{input.Name}' is required, but a cron or timer trigger starts the workflow without it; give the input a default value or make it optional"));
            }
        }

        return problems;
    }

    /// <summary>Replaces the scheduled triggers of <paramref name="definitionId"/> with those of <paramref name="published"/> (none when null).</summary>
    public async Task SyncAsync(string definitionId, WorkflowDefinition? published, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = new JobKey(definitionId, WorkflowTriggerJob.Group);
        var wanted = published is null ? [] : TriggersOf(published);
        var existing = await scheduler.QueryTriggers(new TriggerQuery { Job = jobKey }, cancellationToken);
        var existingKeys = existing.Items.Select(t => t.Key).ToHashSet();

        if (wanted.Count == 0)
        {
            if (await scheduler.DeleteJob(jobKey, cancellationToken))
            {
                LogRemovedAll(logger, definitionId);
            }

            return;
        }

        var added = wanted.Where(t => !existingKeys.Contains(t.Key)).ToList();
        if (added.Count > 0)
        {
            var job = JobBuilder.Create<WorkflowTriggerJob>()
                .WithIdentity(jobKey)
                .WithDescription($"Starts workflow '{definitionId}'")
                .Build();
            await scheduler.ScheduleJob(job, added, new ScheduleJobOptions { Replace = true }, cancellationToken);
        }

        var wantedKeys = wanted.Select(t => t.Key).ToHashSet();
        var removed = existingKeys.Where(k => !wantedKeys.Contains(k)).ToList();
        if (removed.Count > 0)
        {
            await scheduler.UnscheduleJobs(removed, cancellationToken);
        }

        if (added.Count > 0 || removed.Count > 0)
        {
            LogSynced(logger, definitionId, published?.Version ?? 0, added.Count, removed.Count, wanted.Count);
        }
    }

    /// <summary>Removes the jobs of workflows that are not in <paramref name="keep"/> (no published version any more).</summary>
    public async Task RemoveOthersAsync(IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(WorkflowTriggerJob.Group) }, cancellationToken);
        foreach (var job in jobs.Items.Where(j => !keep.Contains(j.Key.Name)))
        {
            await scheduler.DeleteJob(job.Key, cancellationToken);
            LogRemovedAll(logger, job.Key.Name);
        }
    }

    /// <summary>The Quartz triggers for the definition's valid cron and timer triggers; an identical schedule given twice fires once.</summary>
    private List<ITrigger> TriggersOf(WorkflowDefinition definition)
    {
        var triggers = new Dictionary<TriggerKey, ITrigger>();
        var timeZone = options.Value.CronTimeZone;
        for (var i = 0; i < definition.Triggers.Count; i++)
        {
            var trigger = definition.Triggers[i];
            if (IsKind(trigger, CronKind))
            {
                if (!CronSchedules.TryParse(trigger.Cron, out var expression, out var error))
                {
                    // Only a version published before validation existed can get here; the others still run.
                    LogInvalidStored(logger, definition.Id, definition.Version, i + 1, error);
                    continue;
                }

                var key = new TriggerKey($"{definition.Id}|cron|{expression.CronExpressionString}|{timeZone.Id}", WorkflowTriggerJob.Group);
                triggers.TryAdd(key, TriggerBuilder.Create(TimeProvider.System)
                    .WithIdentity(key)
                    .ForJob(definition.Id, WorkflowTriggerJob.Group)
                    .WithDescription($"cron '{trigger.Cron}' of workflow '{definition.Id}'")
                    .WithSchedule(CronScheduleBuilder.Create(expression).InTimeZone(timeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                    .StartNow()
                    .Build());
            }
            else if (IsKind(trigger, TimerKind))
            {
                if (trigger.Interval is not { } interval || interval < MinimumInterval)
                {
                    LogInvalidStored(logger, definition.Id, definition.Version, i + 1, $"interval {trigger.Interval}");
                    continue;
                }

                var key = new TriggerKey($"{definition.Id}|timer|{interval:c}", WorkflowTriggerJob.Group);
                triggers.TryAdd(key, TriggerBuilder.Create(TimeProvider.System)
                    .WithIdentity(key)
                    .ForJob(definition.Id, WorkflowTriggerJob.Group)
                    .WithDescription($"every {interval:c} for workflow '{definition.Id}'")
                    .StartAt(DateTimeOffset.UtcNow + interval)
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
                    .Build());
            }
        }

        return triggers.Values.ToList();
    }

    private static bool IsKind(TriggerDefinition trigger, string kind) => string.Equals(trigger.Kind, kind, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled triggers of {DefinitionId} v{Version}: {Added} added, {Removed} removed, {Count} in force")]
    private static partial void LogSynced(ILogger logger, string definitionId, int version, int added, int removed, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed every scheduled trigger of {DefinitionId}")]
    private static partial void LogRemovedAll(ILogger logger, string definitionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow {DefinitionId} v{Version}: trigger {Number} is not scheduled ({Reason}); publish a corrected version")]
    private static partial void LogInvalidStored(ILogger logger, string definitionId, int version, int number, string reason);
}
