namespace Automation.Connectors.Connections;

/// <summary>
/// Makes what a connection's HTTP client does behind the caller's back (retries, attempt timeouts, circuit breaker
/// changes, token fetches) visible to whoever made the call: an activity opens a scope with <see cref="Listen"/>
/// around its requests and passes <c>context.Log</c>, so the lines land in its journal entry. The scope flows with the
/// async call (an <see cref="AsyncLocal{T}"/>), and the client pins it to each request it sends, because Polly raises
/// circuit breaker events on a worker of its own; so concurrent instances sharing one client stay apart. Messages
/// never contain credentials, tokens or request headers.
/// </summary>
public static class ConnectionEvents
{
    private static readonly AsyncLocal<Listener?> Current = new();
    private static readonly HttpRequestOptionsKey<Listener> ListenerKey = new("Automation.Connectors.ConnectionEvents");

    /// <summary>Sends the events of calls made in this async flow to <paramref name="report"/> until the scope is disposed.</summary>
    public static IDisposable Listen(Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var listener = new Listener(report, Current.Value);
        Current.Value = listener;
        return listener;
    }

    /// <summary>Pins the current flow's listener to <paramref name="request"/>, so events about it reach the caller from any thread.</summary>
    internal static void Attach(HttpRequestMessage request)
    {
        if (Current.Value is { } listener)
        {
            request.Options.Set(ListenerKey, listener);
        }
    }

    /// <summary>
    /// Reports to the listener pinned to <paramref name="request"/> (or, without a request, of the current flow), if
    /// any, and to the fallback (the host's logger). With a request the flow is not asked: on Polly's worker it could
    /// belong to whichever call happened to start that worker.
    /// </summary>
    internal static void Report(HttpRequestMessage? request, string message, Action<string>? fallback)
    {
        var listener = request is null ? Current.Value : request.Options.TryGetValue(ListenerKey, out var pinned) ? pinned : null;
        listener?.Write(message);
        fallback?.Invoke(message);
    }

    private sealed class Listener(Action<string> report, Listener? previous) : IDisposable
    {
        private readonly Lock _gate = new();
        private bool _disposed;

        public void Write(string message)
        {
            // Polly raises breaker events on a worker of its own; one activity's log is not thread-safe.
            lock (_gate)
            {
                if (!_disposed)
                {
                    report(message);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
            }

            Current.Value = previous;
        }
    }
}
