namespace Automation.Connectors.Connections;

/// <summary>Looks up named connections. Unknown names get an error that lists the configured ones.</summary>
public interface IConnectionCatalog
{
    /// <exception cref="Automation.Engine.Runtime.WorkflowFaultException">No connection has that name (the message names it and the configured ones).</exception>
    ConnectionDefinition Get(string name);

    IReadOnlyCollection<ConnectionDefinition> All { get; }
}
