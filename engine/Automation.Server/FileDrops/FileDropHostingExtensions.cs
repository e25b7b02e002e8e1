using Automation.Connectors.FileDrops;
using Automation.Server.Dispatch;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Server.FileDrops;

/// <summary>
/// The file-drop trigger in the server: the watcher from the connectors, started with the host, configured under
/// <c>Automation:FileDrops</c>, handing the instances it starts to the dispatch workers. Publishing a workflow
/// re-syncs its triggers through <see cref="Scheduling.WorkflowTriggers"/>.
/// </summary>
public static class FileDropHostingExtensions
{
    public static IServiceCollection AddServerFileDrops(this IServiceCollection services)
    {
        services.AddFileDrops();
        services.AddOptions<FileDropOptions>()
            .BindConfiguration(FileDropOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.RemoveAll<IFileDropDispatch>();
        services.AddSingleton<IFileDropDispatch, DispatcherFileDropDispatch>();
        services.AddHostedService<FileDropService>();
        return services;
    }
}

/// <summary>Hands an instance started for a dropped file to the server's dispatch workers.</summary>
internal sealed class DispatcherFileDropDispatch(InstanceDispatcher dispatcher) : IFileDropDispatch
{
    public ValueTask EnqueueAsync(string instanceId, CancellationToken cancellationToken) => dispatcher.EnqueueAsync(instanceId, cancellationToken);
}

/// <summary>Starts the watcher with the host (every published workflow's drop folders) and stops it with the host.</summary>
internal sealed class FileDropService(FileDropWatcher watcher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => watcher.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => watcher.StopAsync(cancellationToken);
}
