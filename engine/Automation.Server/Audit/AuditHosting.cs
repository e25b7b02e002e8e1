using Automation.Data.RunLog;
using Automation.Engine.Credentials;
using Automation.Engine.Persistence;
using Automation.Engine.Queues;
using Automation.Engine.RunLog;
using Automation.Server.Health;
using Automation.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Automation.Server.Audit;

/// <summary>Registers the run log in the server's SQLite file, its start-up check, health entry and event sources.</summary>
public static class AuditHosting
{
    /// <summary>
    /// Call after the stores are registered (<c>AddServerEngine</c>): the instance and definition stores are wrapped
    /// so that commits and publishes are recorded; likewise the work-queue and credential stores.
    /// </summary>
    public static IServiceCollection AddServerAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(sp => new RunLogPath(sp.GetRequiredService<IOptions<ServerOptions>>().Value.DatabasePath));
        services.AddSingleton(sp => SqliteRunLog.Open(
            new SqliteRunLogOptions { DatabasePath = sp.GetRequiredService<RunLogPath>().DatabasePath },
            sp.GetService<TimeProvider>()));
        services.AddSingleton<IRunLog>(sp => sp.GetRequiredService<SqliteRunLog>());
        services.AddSingleton<IRunLogReader>(sp => sp.GetRequiredService<SqliteRunLog>());
        services.AddSingleton<RunLogState>();
        services.AddHostedService<RunLogStartupCheck>();
        services.AddHealthChecks().AddCheck<RunLogHealthCheck>("runlog", tags: [HealthApi.ReadyTag]);
        Decorate<IInstanceStore>(services, (sp, inner) => new RunLogInstanceStore(inner, sp.GetRequiredService<IRunLog>(), sp.GetRequiredService<IHttpContextAccessor>()));
        Decorate<IDefinitionStore>(services, (sp, inner) => new RunLogDefinitionStore(inner, sp.GetRequiredService<IRunLog>(), sp.GetRequiredService<IHttpContextAccessor>()));
        Decorate<IWorkQueueStore>(services, (sp, inner) => new RunLogWorkQueueStore(inner, sp.GetRequiredService<IRunLog>(), sp.GetRequiredService<IHttpContextAccessor>()));
        Decorate<ICredentialStore>(services, (sp, inner) => new RunLogCredentialStore(inner, sp.GetRequiredService<IRunLog>(), sp.GetRequiredService<IHttpContextAccessor>()));
        return services;
    }

    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(T))
            ?? throw new InvalidOperationException($"AddServerAudit needs {typeof(T).Name} registered first; call it after AddServerEngine.");
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap(sp, (T)Create(sp, original)), original.Lifetime));
    }

    private static object Create(IServiceProvider sp, ServiceDescriptor d) =>
        d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!);
}
