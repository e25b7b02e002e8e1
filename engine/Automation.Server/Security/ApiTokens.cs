using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Automation.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Security;

/// <summary>
/// API tokens: a random value shown once at creation; only its SHA-256 hash is stored (a token has 256 random bits,
/// so a fast hash is enough, unlike a password). Revoked tokens are kept so a caller can be told why it fails.
/// </summary>
internal sealed class ApiTokens(IDbContextFactory<ServerDbContext> contexts, TimeProvider clock)
{
    /// <summary>Marks the value as ours, so secret scanners and people can recognise a leaked token.</summary>
    public const string Prefix = "atk_";

    /// <summary>
    /// How long a looked-up token row is reused. Every request with a token authenticates, and a fresh DbContext and
    /// SQLite query per request cost more server CPU than most API calls themselves. Revoking through this class
    /// forgets the row at once; the lifetime only bounds how long a change made outside this process (another server
    /// on the same data folder, a hand edit) can go unseen. Expiry is checked against the clock on every request.
    /// </summary>
    public static TimeSpan CacheLifetime { get; } = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (ApiTokenRow Row, DateTimeOffset LoadedAt)> _byHash = new(StringComparer.Ordinal);

    // Bumped by every revocation, so a lookup that read the row before a revocation does not put the old row back.
    private long _generation;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<(ApiTokenRow Row, string Value)> CreateAsync(string name, string role, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        var value = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new ApiTokenRow
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Name = name.Trim(),
            Role = role,
            TokenHash = Hash(value),
            CreatedBy = createdBy,
            CreatedAt = Now,
            ExpiresAt = expiresAt,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (row, value);
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiTokens.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }

    /// <summary>The token with this value, or null; the row is shared between requests and must not be changed.</summary>
    public async Task<ApiTokenRow?> FindByValueAsync(string value, CancellationToken cancellationToken)
    {
        var hash = Hash(value);
        if (_byHash.TryGetValue(hash, out var cached) && Now - cached.LoadedAt < CacheLifetime)
        {
            return cached.Row;
        }

        var generation = Interlocked.Read(ref _generation);
        ApiTokenRow? row;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            row = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        }

        // Unknown values are not kept: the dictionary would otherwise grow with every guess.
        if (row is not null && Interlocked.Read(ref _generation) == generation)
        {
            _byHash[hash] = (row, Now);
        }

        return row;
    }

    /// <summary>Revokes the token at once; returns null when there is no such token.</summary>
    public async Task<ApiTokenRow?> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        row.RevokedAt ??= Now;
        await db.SaveChangesAsync(cancellationToken);
        Interlocked.Increment(ref _generation);
        _byHash.TryRemove(row.TokenHash, out _);
        return row;
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>"active", "expired" or "revoked".</summary>
    public string StatusOf(ApiTokenRow row) =>
        row.RevokedAt is not null ? "revoked" : row.ExpiresAt is { } e && e <= Now ? "expired" : "active";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
