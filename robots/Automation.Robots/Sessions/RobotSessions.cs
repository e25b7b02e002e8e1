using System.Collections.Concurrent;

namespace Automation.Robots.Sessions;

/// <summary>The open robot sessions: one per target system per workflow instance.</summary>
public sealed class RobotSessions : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<(string Instance, string Target), IRobotSession> _sessions = new();

    // When each session was registered, for the operators' robots page; kept apart so the registry itself is unchanged.
    private readonly ConcurrentDictionary<IRobotSession, DateTimeOffset> _openedAt = new(ReferenceEqualityComparer.Instance);

    public int Count => _sessions.Count;

    public IRobotSession? Find(string instanceId, string target) =>
        _sessions.GetValueOrDefault((instanceId, target.ToUpperInvariant()));

    /// <summary>Registers a session; an existing one for the same instance and target is returned for the caller to close.</summary>
    public IRobotSession? Add(string instanceId, string target, IRobotSession session)
    {
        _openedAt[session] = DateTimeOffset.UtcNow;
        IRobotSession? previous = null;
        _sessions.AddOrUpdate((instanceId, target.ToUpperInvariant()), session, (_, old) =>
        {
            previous = old;
            return session;
        });
        if (previous is not null && !ReferenceEquals(previous, session))
        {
            _openedAt.TryRemove(previous, out _);
        }

        return previous;
    }

    public IRobotSession? Remove(string instanceId, string target)
    {
        if (!_sessions.TryRemove((instanceId, target.ToUpperInvariant()), out var session))
        {
            return null;
        }

        _openedAt.TryRemove(session, out _);
        return session;
    }

    /// <summary>Every open session with its instance and when it was opened, by instance and target (read-only view for operators).</summary>
    public IReadOnlyList<OpenRobotSession> List() =>
        [.. _sessions
            .Select(s => new OpenRobotSession(s.Key.Instance, s.Value.Target.Name, s.Value.Target.Kind, _openedAt.TryGetValue(s.Value, out var at) ? at : null))
            .OrderBy(s => s.InstanceId, StringComparer.Ordinal)
            .ThenBy(s => s.Target, StringComparer.OrdinalIgnoreCase)];

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
                _openedAt.TryRemove(session, out _);
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
                _openedAt.TryRemove(session, out _);
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

/// <summary>One open robot session as operators see it.</summary>
/// <param name="InstanceId">The workflow instance the session belongs to.</param>
/// <param name="Target">The target system's name.</param>
/// <param name="Kind">The driver kind: <c>web</c> or <c>desktop</c>.</param>
/// <param name="OpenedAt">When Open registered it; null only in the moment it is being replaced or closed.</param>
public sealed record OpenRobotSession(string InstanceId, string Target, string Kind, DateTimeOffset? OpenedAt);
