using System.Security.Claims;
using Automation.Server.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Automation.Server.Security;

/// <summary>Builds the principal a request acts as: a signed-in user, or an API token with its one role.</summary>
internal static class Principals
{
    public static ClaimsPrincipal ForUser(UserRow user)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName),
            new(SecurityClaims.Kind, SecurityClaims.UserKind),
            new(SecurityClaims.Stamp, user.SecurityStamp),
            .. RoleParser.Split(user.Roles).Select(r => new Claim(ClaimTypes.Role, r)),
        ];
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(SecurityClaims.MustChangePassword, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static ClaimsPrincipal ForToken(ApiTokenRow token) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.Id),

                // The prefix keeps a token apart from a user of the same name in the run log.
                new Claim(ClaimTypes.Name, $"token:{token.Name}"),
                new Claim(SecurityClaims.Kind, SecurityClaims.TokenKind),
                new Claim(ClaimTypes.Role, token.Role),
            ],
            ApiTokenAuthenticationHandler.SchemeName));
}
