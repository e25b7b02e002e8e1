using System.Security.Claims;

namespace Automation.Server.Security;

/// <summary>The claims a signed-in principal carries besides name and roles.</summary>
internal static class SecurityClaims
{
    /// <summary>"user" (cookie sign-in) or "token" (API token).</summary>
    public const string Kind = "automation:kind";

    /// <summary>The user's security stamp at sign-in; a session whose stamp no longer matches is ended.</summary>
    public const string Stamp = "automation:stamp";

    /// <summary>Present ("true") while the user must change the password before doing anything else.</summary>
    public const string MustChangePassword = "automation:must-change-password";

    public const string UserKind = "user";
    public const string TokenKind = "token";

    /// <summary>Where authentication handlers leave the reason a caller was not signed in, for the 401 answer.</summary>
    public const string FailureItem = "automation:auth-failure";

    public static bool IsToken(this ClaimsPrincipal principal) => principal.HasClaim(Kind, TokenKind);

    public static bool MustChangePasswordNow(this ClaimsPrincipal principal) => principal.HasClaim(MustChangePassword, "true");

    public static IReadOnlyList<string> RoleNames(this ClaimsPrincipal principal) =>
        [.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)];
}
