namespace Automation.Engine.Http;

/// <summary>
/// Gives HTTP activities their <see cref="HttpClient"/>. The default shares one client for the process; a host replaces
/// it to add proxies, certificates or a circuit breaker per target system.
/// </summary>
public interface IHttpClientProvider
{
    /// <summary>A client for requests to <paramref name="target"/>. It has no timeout of its own: activities apply theirs.</summary>
    HttpClient GetClient(Uri target);
}

/// <summary>One shared client whose pooled connections are renewed, so DNS changes are picked up.</summary>
internal sealed class SharedHttpClientProvider : IHttpClientProvider, IDisposable
{
    /// <summary>Largest response body read into memory. <value>10 MB</value></summary>
    internal const int MaxResponseBytes = 10 * 1024 * 1024;

    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxResponseBytes,
    };

    public HttpClient GetClient(Uri target) => _client;

    public void Dispose() => _client.Dispose();
}
