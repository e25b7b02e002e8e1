using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>Healthy while the Quartz scheduler is started (not in stand-by, not shut down).</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var status = await scheduler.GetStatus(cancellationToken);
            return status == SchedulerStatus.Running
                ? HealthCheckResult.Healthy("scheduler running")
                : HealthCheckResult.Unhealthy($"scheduler is {status}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"scheduler not available: {ex.Message}");
        }
    }
}
