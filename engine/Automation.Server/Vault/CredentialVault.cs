using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Engine.Credentials;
using Automation.Server.Security;
using Automation.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Vault;

/// <summary>
/// Named credentials for target systems, encrypted at rest with ASP.NET Core Data Protection. Administrators write
/// them and see names only; the runtime reads the values through <see cref="ICredentialStore"/>.
/// </summary>
internal sealed partial class CredentialVault(IDbContextFactory<ServerDbContext> contexts, IDataProtectionProvider protection, VaultSecretMasker masker, TimeProvider clock) : ICredentialStore
{
    // Part of the encryption: changing it makes every stored credential unreadable.
    private const string Purpose = "Automation.Vault.Credentials.v1";
    private const int MaxFields = 32;
    private const int MaxValueLength = 64 * 1024;
    private const int MaxTextLength = 500;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task<IReadOnlyList<CredentialRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Credentials.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<CredentialRow?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = Normalize(name);
        return await db.Credentials.AsNoTracking().SingleOrDefaultAsync(r => r.NormalizedName == key, cancellationToken);
    }

    /// <summary>
    /// Creates or replaces the credential. A field sent with a null value keeps its stored value, so a form can change
    /// the description or one secret without the others being typed again.
    /// </summary>
    public async Task<(CredentialRow? Row, bool Created, Refusal? Refusal)> PutAsync(
        string name, IReadOnlyDictionary<string, string?>? fields, string? description, string? targetSystem, string actor, CancellationToken cancellationToken)
    {
        if (!NamePattern().IsMatch(name))
        {
            return (null, false, Refusal.BadRequest($"The credential name '{name}' is not allowed: use 1 to 100 letters, digits, '.', '-' or '_', starting with a letter or digit."));
        }

        if (fields is null || fields.Count == 0 || fields.Count > MaxFields)
        {
            return (null, false, Refusal.BadRequest($"Give the credential 1 to {MaxFields} fields, such as {{\"userName\": \"...\", \"password\": \"...\"}}."));
        }

        if (fields.Keys.FirstOrDefault(f => !FieldPattern().IsMatch(f)) is { } badField)
        {
            return (null, false, Refusal.BadRequest($"The field name '{badField}' is not allowed: use 1 to 64 letters, digits, '.', '-' or '_', starting with a letter."));
        }

        if (fields.Keys.GroupBy(f => f, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return (null, false, Refusal.BadRequest($"The field '{twice.Key}' is given twice (names ignore case)."));
        }

        // Only names are put in messages: a value may be a secret.
        if (fields.FirstOrDefault(f => f.Value is { } v && (v.Length == 0 || v.Length > MaxValueLength)) is { Key: { } badValue })
        {
            return (null, false, Refusal.BadRequest($"The value of field '{badValue}' must be 1 to {MaxValueLength} characters; send null to keep the stored value."));
        }

        if (description?.Length > MaxTextLength || targetSystem?.Length > MaxTextLength)
        {
            return (null, false, Refusal.BadRequest($"The description and target system must be at most {MaxTextLength} characters."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = Normalize(name);
        var row = await db.Credentials.SingleOrDefaultAsync(r => r.NormalizedName == key, cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (fields.Any(f => f.Value is null))
        {
            var stored = row is null ? null : TryUnprotect(row);
            foreach (var kept in fields.Where(f => f.Value is null).Select(f => f.Key))
            {
                if (stored is null || !stored.TryGetValue(kept, out var old))
                {
                    var why = row is null ? "there is no stored credential" : stored is null ? "the stored credential cannot be decrypted (see the vault keys)" : "it has no stored value";
                    return (null, false, Refusal.BadRequest($"The field '{kept}' has no value and cannot keep its stored one: {why}. Send its value."));
                }

                values[kept] = old;
            }
        }

        foreach (var (field, value) in fields.Where(f => f.Value is not null))
        {
            values[field] = value!;
        }

        var created = row is null;
        row ??= db.Credentials.Add(new CredentialRow { NormalizedName = key }).Entity;
        row.Name = name;
        row.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        row.TargetSystem = string.IsNullOrWhiteSpace(targetSystem) ? null : targetSystem.Trim();
        row.FieldNames = JsonSerializer.Serialize(fields.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList());
        masker.Remember(values);
        row.ProtectedFields = _protector.Protect(JsonSerializer.Serialize(values));
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        return (row, created, null);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = Normalize(name);
        return await db.Credentials.Where(r => r.NormalizedName == key).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async ValueTask<Credential?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var row = await FindAsync(name, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var fields = TryUnprotect(row) ?? throw new InvalidOperationException(
            $"The credential '{row.Name}' cannot be decrypted: the data-protection key it was encrypted with is missing from the vault keys folder. Restore that folder from backup, or enter the credential again.");
        masker.Remember(fields);
        return new Credential(row.Name, fields, row.TargetSystem);
    }

    public static IReadOnlyList<string> FieldNames(CredentialRow row) => JsonSerializer.Deserialize<List<string>>(row.FieldNames) ?? [];

    private Dictionary<string, string>? TryUnprotect(CredentialRow row)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(_protector.Unprotect(row.ProtectedFields));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Normalize(string name) => name.Trim().ToUpperInvariant();

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}._-]{0,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex FieldPattern();
}
