using System.Text.Json.Nodes;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Server.Dispatch;
using Microsoft.Extensions.Options;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// Fired by a workflow's cron or timer trigger: starts one instance of the latest published version with the input
/// <c>{firedAt}</c> (the scheduled time of the firing) and hands it to dispatch. One job per workflow (its key is the workflow id); it only stores the
/// instance, so a firing takes milliseconds and the workflow runs on the dispatch workers.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class WorkflowTriggerJob(
    IDefinitionStore definitions,
    WorkflowRuntime runtime,
    InstanceDispatcher dispatcher,
    IOptions<SchedulingOptions> options,
    ILogger<WorkflowTriggerJob> logger) : IJob
{
    /// <summary>The Quartz group of these jobs and their triggers.</summary>
    public const string Group = "workflows";

    /// <summary>The workflow input that carries the firing time.</summary>
    public const string FiredAtInput = "firedAt";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var definitionId = context.JobDetail.Key.Name;
        var firedAt = context.FireTimeUtc;
        if (context.Trigger is ICronTrigger { CronExpressionString: { } cron } trigger
            && !MisfirePolicy.ShouldRunCronFiring(CronExpression.Parse(cron).WithTimeZone(trigger.TimeZone), firedAt, options.Value.MissedCronSlotGrace, out var slot))
        {
            LogSkippedMissedSlot(logger, definitionId, slot, options.Value.MissedCronSlotGrace);
            return;
        }

        try
        {
            var definition = await definitions.GetAsync(definitionId, null, cancellationToken);
            if (definition is null)
            {
                LogNoPublishedVersion(logger, definitionId);
                return;
            }

            // The slot the firing is for (whole seconds for cron), so two runs of one slot would show the same value.
            var input = new JsonObject { [FiredAtInput] = context.ScheduledFireTimeUtc ?? firedAt };
            var instanceId = await runtime.CreateAsync(definition, new StartOptions { Input = input }, cancellationToken);
            await dispatcher.EnqueueAsync(instanceId, cancellationToken);
            LogStarted(logger, definitionId, definition.Version, instanceId, context.Trigger.Key.Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStartFailed(logger, ex, definitionId, context.Trigger.Key.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {TriggerKey} started instance {InstanceId} of {DefinitionId} v{Version}")]
    private static partial void LogStarted(ILogger logger, string definitionId, int version, string instanceId, string triggerKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a cron slot of {DefinitionId} missed at {Slot}: older than the grace period {Grace}")]
    private static partial void LogSkippedMissedSlot(ILogger logger, string definitionId, DateTimeOffset slot, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger fired for {DefinitionId}, which has no published version")]
    private static partial void LogNoPublishedVersion(ILogger logger, string definitionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trigger {TriggerKey} could not start {DefinitionId}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string definitionId, string triggerKey);
}
