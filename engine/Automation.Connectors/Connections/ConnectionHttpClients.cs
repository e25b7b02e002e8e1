using System.Collections.Concurrent;
using Automation.Engine.Credentials;
using Automation.Engine.Runtime;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Automation.Connectors.Connections;

/// <summary>
/// One cached <see cref="HttpClient"/> per connection name. Its handlers, outermost first: failure translation
/// (<see cref="ConnectionFailureHandler"/>), the resilience pipeline (retry, circuit breaker, attempt timeout), the
/// authentication from the vault, and a pooled socket handler. The breaker therefore lives as long as the client: one
/// per connection, shared by every flow that uses it.
/// </summary>
internal sealed class ConnectionHttpClients(ICredentialStore vault, TimeProvider clock, ILoggerFactory? loggerFactory = null)
    : IConnectionHttpClients, IDisposable
{
    /// <summary>Largest response body read into memory, as for the engine's HttpRequest. <value>10 MB</value></summary>
    private const int MaxResponseBytes = 10 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<Entry>> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Automation.Connectors.Connections");

    public HttpClient For(ConnectionDefinition connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Validate(connection);
        return _clients.GetOrAdd(connection.Name, _ => new Lazy<Entry>(() => Create(connection))).Value.Client;
    }

    public void Dispose()
    {
        foreach (var entry in _clients.Values.Where(e => e.IsValueCreated))
        {
            entry.Value.Dispose();
        }
    }

    /// <summary>Checked before caching, so a connection fixed in configuration is not stuck with its old error.</summary>
    private static void Validate(ConnectionDefinition connection)
    {
        if (connection.Kind is not (ConnectionKind.Http or ConnectionKind.Fhir))
        {
            throw new WorkflowFaultException(
                $"Connection '{connection.Name}' is a {connection.Kind} connection, not an HTTP one; choose a connection of kind Http or Fhir.");
        }

        if (connection.BaseUrl is not { IsAbsoluteUri: true } baseUrl || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new WorkflowFaultException(
                $"Connection '{connection.Name}' has no absolute http(s) base URL; set {ConnectorOptions.Section}:{connection.Name}:BaseUrl, for example https://system.example/api/.");
        }
    }

    private Entry Create(ConnectionDefinition connection)
    {
        var baseUrl = connection.BaseUrl!;

        void Report(HttpRequestMessage? request, string message) => ConnectionEvents.Report(request, message, m => _logger.LogInformation("{ConnectionEvent}", m));

        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
        var credentials = new ConnectionCredentials(connection, vault);
        var tokenClient = new HttpMessageInvoker(sockets, disposeHandler: false);
        var tokens = connection.Authentication == AuthenticationKind.OAuth2ClientCredentials
            ? new OAuth2TokenSource(connection, credentials, tokenClient, clock, Report)
            : null;

        var authentication = new ConnectionAuthenticationHandler(connection, credentials, tokens, Report) { InnerHandler = sockets };
        ResiliencePipeline<HttpResponseMessage> pipeline;

        // The breaker's event worker starts here; it must not carry the first caller's async state around for good.
        using (ExecutionContext.SuppressFlow())
        {
            pipeline = ConnectionResiliencePipeline.Build(connection, Report);
        }

#pragma warning disable CA2000 // The client owns the handler chain and disposes it with itself.
        var resilience = new ResilienceHandler(pipeline) { InnerHandler = authentication };
        var failures = new ConnectionFailureHandler(connection) { InnerHandler = resilience };
#pragma warning restore CA2000
        var client = new HttpClient(failures, disposeHandler: true)
        {
            // A relative path then extends the base path instead of replacing its last segment.
            BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"),

            // Each attempt has its own timeout in the pipeline; a client-wide one would cut retries short.
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
        return new Entry(client, tokenClient, tokens);
    }

    private sealed record Entry(HttpClient Client, HttpMessageInvoker TokenClient, OAuth2TokenSource? Tokens) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            TokenClient.Dispose();
            Tokens?.Dispose();
        }
    }
}
