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

    // Every request with a token authenticates; the row is reused for 5 s (see RecentLookups). Revoking through this
    // class forgets it at once; expiry is checked against the clock on every request.
    private readonly RecentLookups<ApiTokenRow> _byHash = new(clock, TimeSpan.FromSeconds(5));

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
        return await _byHash.GetOrLoadAsync(hash, async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        }, cancellationToken);
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
        _byHash.Forget(row.TokenHash);
        return row;
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>"active", "expired" or "revoked".</summary>
    public string StatusOf(ApiTokenRow row) =>
        row.RevokedAt is not null ? "revoked" : row.ExpiresAt is { } e && e <= Now ? "expired" : "active";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
