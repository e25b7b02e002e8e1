using Automation.Engine.Runtime;
using Automation.Server.Hosting;
using Automation.Server.HttpTriggers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// Quartz with its persistent ADO job store in the engine's SQLite file (the QRTZ_ tables are created at start-up when
/// missing), cron and timer triggers of published workflows, Delay timers, and the http trigger routes.
/// </summary>
public static class SchedulingExtensions
{
    public static IServiceCollection AddServerScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>()
            .BindConfiguration(SchedulingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.HasKnownTimeZone(), $"{SchedulingOptions.Section}:TimeZone is not a time zone this machine knows; use an IANA id such as Europe/Copenhagen, or leave it empty for the server's own.")
            .ValidateOnStart();

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(o =>
            {
                o.InstanceName = "automation";

                // On shutdown a resumed workflow stops at its next step and stays Running; start-up recovery continues it.
                o.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            quartz.UsePersistentStore(store =>
            {
                // The path is known only once ServerOptions are bound, so the data source is built from the container.
                store.UseSqlite(o => o.DataSourceFactory = sp => SqliteFactory.Instance.CreateDataSource(ConnectionString(sp)));
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.MisfireThreshold = MisfirePolicy.Threshold;
                    o.StoreJobDataAsStrings = true;
                });
            });
            quartz.AddJob<DelayResumeJob>(job => job.WithIdentity(DelayResumeJob.Key).StoreDurably().WithDescription("Resumes a workflow waiting on a Delay"));
        });

        // Started inside host start-up rather than after it, so the server reports ready only with a running scheduler.
        services.AddQuartzHostedService(o =>
        {
            o.AwaitApplicationStarted = false;
            o.WaitForJobsToComplete = true;
        });

        services.AddTransient<WorkflowTriggerJob>();
        services.AddTransient<DelayResumeJob>();
        services.AddTransient<OverdueTimerSweepJob>();
        services.AddSingleton<QuartzBookmarkScheduler>();
        services.RemoveAll<IBookmarkScheduler>();
        services.AddSingleton<IBookmarkScheduler>(sp => sp.GetRequiredService<QuartzBookmarkScheduler>());
        services.AddSingleton<ScheduledTriggers>();
        services.AddSingleton<HttpTriggerRoutes>();
        services.AddSingleton<WorkflowTriggers>();

        // After the Quartz hosted service, so the schema exists and the scheduler runs when triggers are put in force.
        services.AddHostedService<SchedulingStartup>();
        return services;
    }

    private static string ConnectionString(IServiceProvider services) => new SqliteConnectionStringBuilder
    {
        DataSource = services.GetRequiredService<IOptions<ServerOptions>>().Value.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,

        // Waits for the engine's writer instead of failing, as the engine's own connections do.
        DefaultTimeout = 30,
    }.ToString();
}
