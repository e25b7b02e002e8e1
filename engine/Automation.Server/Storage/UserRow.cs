namespace Automation.Server.Storage;

/// <summary>A person who signs in. Names are unique ignoring case (<see cref="NormalizedUserName"/>).</summary>
internal sealed class UserRow
{
    public string Id { get; set; } = "";

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PBKDF2 hash; never the password.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Role names separated by commas, as in <see cref="Security.Roles"/>.</summary>
    public string Roles { get; set; } = "";

    public bool MustChangePassword { get; set; }

    /// <summary>Failed sign-ins in a row since the last success or unlock.</summary>
    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Changes whenever the password, roles or password-change demand change, which ends existing sessions.</summary>
    public string SecurityStamp { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
