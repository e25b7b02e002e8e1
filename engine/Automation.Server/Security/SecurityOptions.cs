using System.ComponentModel.DataAnnotations;

namespace Automation.Server.Security;

/// <summary>Sign-in settings under <c>Automation</c> in appsettings.json, or <c>Automation__Name</c> environment variables.</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Password for the <c>admin</c> user created on first start, for automated set-up and tests. When empty, a random
    /// one-time password is generated and printed once to the console. Either way it must be changed at first sign-in.
    /// <value>empty</value>
    /// </summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>Failed sign-ins in a row that lock an account. <value>5</value></summary>
    [Range(1, 1000)]
    public int SignInAttemptsBeforeLockout { get; set; } = 5;

    /// <summary>How long a locked account stays locked (an administrator can unlock it sooner). <value>15 minutes</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without requests (sliding). <value>8 hours</value></summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
