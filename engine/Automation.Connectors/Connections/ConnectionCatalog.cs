using Automation.Engine.Runtime;
using Microsoft.Extensions.Options;

namespace Automation.Connectors.Connections;

/// <summary>The connections from configuration, by name (case-insensitive).</summary>
internal sealed class ConnectionCatalog(IOptions<ConnectorOptions> options) : IConnectionCatalog
{
    public IReadOnlyCollection<ConnectionDefinition> All => options.Value.Connections.Select(Named).ToList();

    public ConnectionDefinition Get(string name)
    {
        if (options.Value.Connections.TryGetValue(name, out var connection))
        {
            return Named(new KeyValuePair<string, ConnectionDefinition>(name, connection));
        }

        var known = options.Value.Connections.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();
        throw new WorkflowFaultException(known.Count == 0
            ? $"There is no connection '{name}': none are configured. Add one under {ConnectorOptions.Section}:{name} in appsettings.json."
            : $"There is no connection '{name}'. Configured connections: {string.Join(", ", known)}.");
    }

    private static ConnectionDefinition Named(KeyValuePair<string, ConnectionDefinition> entry)
    {
        if (string.IsNullOrEmpty(entry.Value.Name))
        {
            entry.Value.Name = entry.Key;
        }

        return entry.Value;
    }
}
