using System.Collections.Concurrent;

namespace Automation.Robots.Sessions;

/// <summary>The open robot sessions: one per target system per workflow instance.</summary>
public sealed class RobotSessions : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<(string Instance, string Target), IRobotSession> _sessions = new();

    public int Count => _sessions.Count;

    public IRobotSession? Find(string instanceId, string target) =>
        _sessions.GetValueOrDefault((instanceId, target.ToUpperInvariant()));

    /// <summary>Registers a session; an existing one for the same instance and target is returned for the caller to close.</summary>
    public IRobotSession? Add(string instanceId, string target, IRobotSession session)
    {
        IRobotSession? previous = null;
        _sessions.AddOrUpdate((instanceId, target.ToUpperInvariant()), session, (_, old) =>
        {
            previous = old;
            return session;
        });
        return previous;
    }

    public IRobotSession? Remove(string instanceId, string target) =>
        _sessions.TryRemove((instanceId, target.ToUpperInvariant()), out var session) ? session : null;

    /// <summary>The open sessions of one instance with their target names, in target order.</summary>
    public IReadOnlyList<(string Target, IRobotSession Session)> ForInstance(string instanceId) =>
        [.. _sessions.Where(s => s.Key.Instance == instanceId).Select(s => (s.Value.Target.Name, s.Value)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Closes every session of an instance (it finished, faulted or was cancelled); returns how many were open.</summary>
    public async Task<int> CloseInstanceAsync(string instanceId)
    {
        var closed = 0;
        foreach (var key in _sessions.Keys.Where(k => k.Instance == instanceId).ToList())
        {
            if (_sessions.TryRemove(key, out var session))
            {
                closed++;
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }

        return closed;
    }

    /// <summary>Closes every session when the host is disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Closes every session (host shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var key in _sessions.Keys)
        {
            if (_sessions.TryRemove(key, out var session))
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
