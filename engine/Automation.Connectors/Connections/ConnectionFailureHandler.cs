using System.Globalization;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Automation.Connectors.Connections;

/// <summary>
/// The outermost handler of a connection's client: turns Polly's rejections into the exceptions every HTTP caller
/// already handles, with messages that say which connection and what to do, so callers need not know Polly.
/// An open circuit becomes an <see cref="HttpRequestException"/> ("circuit open"), a last attempt that timed out a
/// <see cref="TimeoutException"/>.
/// </summary>
internal sealed class ConnectionFailureHandler(ConnectionDefinition connection) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ConnectionEvents.Attach(request);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            var until = ex.RetryAfter is { } wait ? $" (for about {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s more)" : "";
            throw new HttpRequestException(
                $"circuit open: connection '{connection.Name}' refused the call without reaching the server{until}, because recent calls failed too often. Retry once the system answers again.",
                ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                $"Connection '{connection.Name}' got no response within its attempt timeout of {connection.Resilience.AttemptTimeout}, and no retry was left. Raise Resilience:AttemptTimeout of the connection if the system is just slow.",
                ex);
        }
    }
}
