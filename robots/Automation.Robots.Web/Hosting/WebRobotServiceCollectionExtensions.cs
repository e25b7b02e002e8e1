using Automation.Robots.Sessions;
using Automation.Robots.Web.Driver;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Robots.Web.Hosting;

/// <summary>Registers the Playwright web driver for targets of kind <c>web</c>.</summary>
public static class WebRobotServiceCollectionExtensions
{
    public static IServiceCollection AddWebRobotDriver(this IServiceCollection services, Action<WebRobotOptions>? configure = null)
    {
        var options = new WebRobotOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<PlaywrightDriver>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRobotDriver, PlaywrightDriver>(sp => sp.GetRequiredService<PlaywrightDriver>()));
        return services;
    }
}
