namespace Automation.Connectors.Connections;

/// <summary>
/// An HttpClient per HTTP or FHIR connection, with the connection's base address, authentication from the vault and
/// its resilience pipeline (retry with backoff and jitter, attempt timeout, circuit breaker) already in place.
/// </summary>
public interface IConnectionHttpClients
{
    HttpClient For(ConnectionDefinition connection);
}
