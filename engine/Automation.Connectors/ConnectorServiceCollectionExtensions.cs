using Automation.Connectors.Connections;
using Automation.Engine.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Connectors;

/// <summary>Registers the connector activities and the named connections from configuration.</summary>
public static class ConnectorServiceCollectionExtensions
{
    public static IServiceCollection AddAutomationConnectors(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<ConnectorOptions>();
        if (configuration is not null)
        {
            // The section is the dictionary itself: Automation:Connections:{name}:{setting}.
            options.Configure(o => configuration.GetSection(ConnectorOptions.Section).Bind(o.Connections));
        }

        services.TryAddSingleton<IConnectionCatalog, ConnectionCatalog>();
        services.TryAddSingleton<IConnectionHttpClients, ConnectionHttpClients>();
        services.AddActivitiesFrom(typeof(ConnectorServiceCollectionExtensions).Assembly);
        return services;
    }
}
