using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Connectors.FileDrops;

/// <summary>Registers the file-drop watcher; a host starts and stops it (the server does so as a hosted service).</summary>
public static class FileDropServiceCollectionExtensions
{
    public static IServiceCollection AddFileDrops(this IServiceCollection services)
    {
        services.AddOptions<FileDropOptions>();
        services.TryAddSingleton<IFileDropDispatch, ThreadPoolFileDropDispatch>();
        services.TryAddSingleton<FileDropWatcher>();
        return services;
    }
}
