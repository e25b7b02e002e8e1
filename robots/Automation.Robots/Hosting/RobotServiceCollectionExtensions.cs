using Automation.Engine.Hosting;
using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Automation.Robots.Activities;
using Automation.Robots.Evidence;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Robots.Hosting;

/// <summary>
/// Registers the robot activities, the session registry, the evidence store (with evidence per queue item), the
/// closing of an instance's sessions when it ends, and the target systems from configuration.
/// </summary>
public static class RobotServiceCollectionExtensions
{
    /// <summary>
    /// Adds the robot activities. Drivers (web, desktop) are added by their own packages; without one, Open names the
    /// missing driver. Evidence goes to <c>Automation:Robots:EvidenceDirectory</c>, by default
    /// <c>{Automation:DataDirectory}/evidence</c>, its key to <c>{Automation:DataDirectory}/keys/evidence.key</c>.
    /// </summary>
    public static IServiceCollection AddAutomationRobots(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<RobotOptions>();
        if (configuration is not null)
        {
            options.Configure(o =>
            {
                var dataDirectory = configuration["Automation:DataDirectory"];
                if (!string.IsNullOrEmpty(dataDirectory))
                {
                    o.EvidenceDirectory = Path.Combine(dataDirectory, "evidence");
                    o.EvidenceKeyPath = Path.Combine(dataDirectory, "keys", "evidence.key");
                }

                configuration.GetSection(RobotOptions.Section).Bind(o);
            });
        }

        services.TryAddSingleton<RobotSessions>();
        services.TryAddSingleton<IEvidenceStore, FileEvidenceStore>();
        services.TryAddSingleton<QueueItemEvidence>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkQueueItemObserver, QueueItemEvidence>(sp => sp.GetRequiredService<QueueItemEvidence>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowInstanceObserver, InstanceSessionsCloser>());
        services.TryAddSingleton<RobotServices>();
        services.AddActivitiesFrom(typeof(RobotServiceCollectionExtensions).Assembly);
        return services;
    }
}
