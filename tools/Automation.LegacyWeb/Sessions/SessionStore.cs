using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Automation.LegacyWeb.Sessions;

/// <summary>What a request's session cookie turned out to be.</summary>
internal enum SessionState
{
    Missing,
    Expired,
    Valid,
}

/// <summary>In-memory sessions with a sliding idle timeout. An unknown cookie counts as expired: after a force-expire or a restart the user sees the "session expired" message, as in the old systems.</summary>
internal sealed class SessionStore(TimeSpan idleTimeout, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public string Create(string user)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _sessions[id] = new Session(user, clock.GetUtcNow());
        return id;
    }

    /// <summary>Checks the cookie value and, when valid, refreshes the idle clock.</summary>
    public SessionState Check(string? id, out string user)
    {
        user = string.Empty;
        if (string.IsNullOrEmpty(id))
        {
            return SessionState.Missing;
        }

        var now = clock.GetUtcNow();
        if (!_sessions.TryGetValue(id, out var session) || now - session.LastSeen > idleTimeout)
        {
            _sessions.TryRemove(id, out _);
            return SessionState.Expired;
        }

        _sessions[id] = session with { LastSeen = now };
        user = session.User;
        return SessionState.Valid;
    }

    public void Remove(string id) => _sessions.TryRemove(id, out _);

    public void ExpireAll() => _sessions.Clear();

    private sealed record Session(string User, DateTimeOffset LastSeen);
}
