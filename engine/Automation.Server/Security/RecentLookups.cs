using System.Collections.Concurrent;

namespace Automation.Server.Security;

/// <summary>
/// Values looked up on every authenticated request (a token's row, a user's security stamp), reused for a short
/// lifetime instead of a DbContext and SQLite query per request. The owner forgets a key whenever it changes the value,
/// so the change counts on the next request; the lifetime only bounds how long a change made outside this process
/// (another server on the same data folder, a hand edit) can go unseen. Values not found are never kept, so guesses
/// cannot grow it.
/// </summary>
internal sealed class RecentLookups<TValue>(TimeProvider clock, TimeSpan lifetime)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset LoadedAt)> _entries = new(StringComparer.Ordinal);

    // Bumped by every Forget, so a load that read the value before a change does not put the old value back.
    private long _generation;

    /// <summary>The value for <paramref name="key"/>: reused when loaded less than the lifetime ago, else loaded.</summary>
    public async Task<TValue?> GetOrLoadAsync(string key, Func<CancellationToken, Task<TValue?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (_entries.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.LoadedAt < lifetime)
        {
            return cached.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var value = await load(cancellationToken).ConfigureAwait(false);
        if (value is not null && Interlocked.Read(ref _generation) == generation)
        {
            _entries[key] = (value, clock.GetUtcNow());
        }

        return value;
    }

    /// <summary>Forgets the value of <paramref name="key"/> after the owner changed it.</summary>
    public void Forget(string key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }
}
