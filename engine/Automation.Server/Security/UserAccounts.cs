using Automation.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Security;

/// <summary>The outcome of a sign-in: who, or why not.</summary>
internal enum SignInStatus
{
    Succeeded,
    Failed,
    LockedOut,
}

internal sealed record SignInResult(SignInStatus Status, UserRow? User, DateTimeOffset? LockedUntil);

/// <summary>
/// Users in the server's tables: sign-in with lock-out, passwords (PBKDF2 through ASP.NET Core Identity's hasher),
/// roles, and the rule that the last administrator cannot be removed.
/// </summary>
internal sealed class UserAccounts(IDbContextFactory<ServerDbContext> contexts, IPasswordHasher<UserRow> hasher, TimeProvider clock, IOptions<SecurityOptions> options) : IDisposable
{
    // Admin changes check "is this the last administrator?" and then write; one at a time in this process.
    private readonly SemaphoreSlim _adminWrites = new(1, 1);

    // An unknown user name still costs one hash verification, so timing does not tell which names exist.
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(new UserRow(), Guid.NewGuid().ToString()));

    // Security stamps read by StampAsync, reused for 5 s; every change of a user's stamp here forgets it.
    private readonly RecentLookups<string> _stamps = new(clock, TimeSpan.FromSeconds(5));

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<UserRow?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = UserNames.Normalize(userName);
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == key, cancellationToken);
    }

    /// <summary>The current security stamp of a user, or null when the user no longer exists.</summary>
    /// <remarks>
    /// Every request with a sign-in cookie asks this, so a found stamp is reused for a few seconds (see
    /// <see cref="RecentLookups{TValue}"/>). Every change of a stamp in this class (roles, password, deletion) forgets
    /// it at once, so a session ends on its next request as before.
    /// </remarks>
    public Task<string?> StampAsync(string userId, CancellationToken cancellationToken) =>
        _stamps.GetOrLoadAsync(userId, async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        }, cancellationToken);

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool IsLocked(UserRow user) => user.LockedUntil is { } until && until > Now;

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userName, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new UserRow(), _decoyHash.Value, password);
            return new SignInResult(SignInStatus.Failed, null, null);
        }

        // A locked account stays locked even with the right password, so guessing gains nothing while it lasts.
        if (IsLocked(user))
        {
            return new SignInResult(SignInStatus.LockedOut, user, user.LockedUntil);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var lockedUntil = await CountFailureAsync(user, cancellationToken);
            return lockedUntil is null ? new SignInResult(SignInStatus.Failed, user, null) : new SignInResult(SignInStatus.LockedOut, user, lockedUntil);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : user.PasswordHash;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
            s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null).SetProperty(u => u.LastSignInAt, now).SetProperty(u => u.PasswordHash, rehash),
            cancellationToken);
        return new SignInResult(SignInStatus.Succeeded, user, null);
    }

    /// <summary>Counts a wrong password; returns when the account is now locked until, or null.</summary>
    private async Task<DateTimeOffset?> CountFailureAsync(UserRow user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Locking resets the count, so a lock that has run out starts a fresh one. Counted in SQL, so
        // concurrent guesses are all counted.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
            s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null),
            cancellationToken);
        var failed = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FailedSignIns).SingleAsync(cancellationToken);
        if (failed < options.Value.SignInAttemptsBeforeLockout)
        {
            return null;
        }

        var until = Now + options.Value.LockoutDuration;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
            s => s.SetProperty(u => u.LockedUntil, until).SetProperty(u => u.FailedSignIns, 0),
            cancellationToken);
        return until;
    }

    public async Task<(UserRow? User, Refusal? Refusal)> CreateAsync(string? userName, string? password, IEnumerable<string>? roles, bool mustChangePassword, CancellationToken cancellationToken)
    {
        if (UserNames.Check(userName) is { } badName)
        {
            return (null, Refusal.BadRequest(badName));
        }

        if (PasswordRules.Check(userName!, password) is { } badPassword)
        {
            return (null, Refusal.BadRequest(badPassword));
        }

        var (parsed, badRoles) = RoleParser.Parse(roles);
        if (badRoles is not null)
        {
            return (null, Refusal.BadRequest(badRoles));
        }

        var user = new UserRow
        {
            Id = Guid.NewGuid().ToString("N"),
            UserName = userName!.Trim(),
            NormalizedUserName = UserNames.Normalize(userName),
            Roles = RoleParser.Join(parsed),
            MustChangePassword = mustChangePassword,
            SecurityStamp = NewStamp(),
            CreatedAt = Now,
        };
        user.PasswordHash = hasher.HashPassword(user, password!);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == user.NormalizedUserName, cancellationToken))
        {
            return (null, Refusal.Conflict($"The user name '{user.UserName}' is taken; choose another."));
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Created by a concurrent request between the check and the insert.
            return (null, Refusal.Conflict($"The user name '{user.UserName}' is taken; choose another."));
        }

        return (user, null);
    }

    public async Task<(UserRow? User, Refusal? Refusal)> SetRolesAsync(string userName, IEnumerable<string>? roles, CancellationToken cancellationToken)
    {
        var (parsed, badRoles) = RoleParser.Parse(roles);
        if (badRoles is not null)
        {
            return (null, Refusal.BadRequest(badRoles));
        }

        await _adminWrites.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var user = await FindTrackedAsync(db, userName, cancellationToken);
            if (user is null)
            {
                return (null, UnknownUser(userName));
            }

            if (!parsed.Contains(Roles.Administrator) && await IsLastAdministratorAsync(db, user, cancellationToken))
            {
                return (null, Refusal.Conflict($"'{user.UserName}' is the last administrator; give another user the Administrator role first."));
            }

            user.Roles = RoleParser.Join(parsed);
            user.SecurityStamp = NewStamp();
            await db.SaveChangesAsync(cancellationToken);
            _stamps.Forget(user.Id);
            return (user, null);
        }
        finally
        {
            _adminWrites.Release();
        }
    }

    public async Task<Refusal?> DeleteAsync(string userName, CancellationToken cancellationToken)
    {
        await _adminWrites.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var user = await FindTrackedAsync(db, userName, cancellationToken);
            if (user is null)
            {
                return UnknownUser(userName);
            }

            if (await IsLastAdministratorAsync(db, user, cancellationToken))
            {
                return Refusal.Conflict($"'{user.UserName}' is the last administrator and cannot be deleted; give another user the Administrator role first.");
            }

            db.Users.Remove(user);
            await db.SaveChangesAsync(cancellationToken);
            _stamps.Forget(user.Id);
            return null;
        }
        finally
        {
            _adminWrites.Release();
        }
    }

    /// <summary>An administrator sets a new password; it also lifts a lock and ends the user's sessions.</summary>
    public async Task<Refusal?> ResetPasswordAsync(string userName, string? password, bool mustChangePassword, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await FindTrackedAsync(db, userName, cancellationToken);
        if (user is null)
        {
            return UnknownUser(userName);
        }

        if (PasswordRules.Check(user.UserName, password) is { } badPassword)
        {
            return Refusal.BadRequest(badPassword);
        }

        user.PasswordHash = hasher.HashPassword(user, password!);
        user.MustChangePassword = mustChangePassword;
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        _stamps.Forget(user.Id);
        return null;
    }

    public async Task<Refusal?> UnlockAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await FindTrackedAsync(db, userName, cancellationToken);
        if (user is null)
        {
            return UnknownUser(userName);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The user changes their own password; a wrong current password counts towards the lock-out.</summary>
    public async Task<(UserRow? User, Refusal? Refusal)> ChangePasswordAsync(string userId, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(currentPassword) || newPassword is null)
        {
            return (null, Refusal.BadRequest("Give currentPassword and newPassword."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return (null, new Refusal(StatusCodes.Status401Unauthorized, "Not signed in", "Your account no longer exists; ask an administrator."));
        }

        if (IsLocked(user))
        {
            return (null, Locked(user.UserName, user.LockedUntil!.Value));
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            var lockedUntil = await CountFailureAsync(user, cancellationToken);
            return (null, lockedUntil is { } until ? Locked(user.UserName, until) : Refusal.BadRequest("The current password is not correct; nothing was changed."));
        }

        if (PasswordRules.Check(user.UserName, newPassword) is { } badPassword)
        {
            return (null, Refusal.BadRequest(badPassword));
        }

        if (newPassword == currentPassword)
        {
            return (null, Refusal.BadRequest("The new password must differ from the current one."));
        }

        user.PasswordHash = hasher.HashPassword(user, newPassword!);
        user.MustChangePassword = false;
        user.FailedSignIns = 0;
        user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        _stamps.Forget(user.Id);
        return (user, null);
    }

    /// <summary>The answer for a locked account: when to try again, and who can help sooner.</summary>
    public Refusal Locked(string userName, DateTimeOffset until)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - Now).TotalMinutes));
        return new Refusal(
            StatusCodes.Status423Locked,
            "The account is locked",
            $"The account '{userName}' is locked after {options.Value.SignInAttemptsBeforeLockout} failed sign-ins in a row. Try again after {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (in about {minutes} minute{(minutes == 1 ? "" : "s")}), or ask an administrator to unlock it.",
            until - Now);
    }

    /// <summary>Creates the user unless any user exists; false when some user already does (another node won).</summary>
    public async Task<bool> CreateFirstAsync(UserRow user, string password, CancellationToken cancellationToken)
    {
        user.PasswordHash = hasher.HashPassword(user, password);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    public void Dispose() => _adminWrites.Dispose();

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    private static Refusal UnknownUser(string userName) => Refusal.NotFound($"There is no user '{userName}'.");

    private static Task<UserRow?> FindTrackedAsync(ServerDbContext db, string userName, CancellationToken cancellationToken)
    {
        var key = UserNames.Normalize(userName);
        return db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == key, cancellationToken);
    }

    private static async Task<bool> IsLastAdministratorAsync(ServerDbContext db, UserRow user, CancellationToken cancellationToken)
    {
        if (!RoleParser.Split(user.Roles).Contains(Roles.Administrator))
        {
            return false;
        }

        var others = await db.Users.Where(u => u.Id != user.Id).Select(u => u.Roles).ToListAsync(cancellationToken);
        return !others.Any(r => RoleParser.Split(r).Contains(Roles.Administrator));
    }
}
