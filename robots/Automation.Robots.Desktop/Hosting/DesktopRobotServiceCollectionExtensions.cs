using Automation.Robots.Desktop.Driver;
using Automation.Robots.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Robots.Desktop.Hosting;

/// <summary>Registers the AT-SPI desktop driver for targets of kind <c>desktop</c>.</summary>
public static class DesktopRobotServiceCollectionExtensions
{
    /// <summary>The driver with its options read from <c>Automation:Robots:Desktop</c> when it is first used (so settings added later, as hosts and tests do, count).</summary>
    public static IServiceCollection AddDesktopRobotDriver(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ =>
        {
            var options = new DesktopRobotOptions();
            configuration.GetSection("Automation:Robots:Desktop").Bind(options);
            return options;
        });
        return services.AddDesktopRobotDriver();
    }

    public static IServiceCollection AddDesktopRobotDriver(this IServiceCollection services, Action<DesktopRobotOptions>? configure = null)
    {
        var options = new DesktopRobotOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new DesktopDriver(sp.GetRequiredService<DesktopRobotOptions>(), sp.GetService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRobotDriver, DesktopDriver>(sp => sp.GetRequiredService<DesktopDriver>()));
        return services;
    }
}
