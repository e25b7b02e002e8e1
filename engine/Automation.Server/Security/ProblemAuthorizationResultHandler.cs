using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Automation.Server.Security;

/// <summary>
/// Answers a refused request with ProblemDetails that say why: not signed in (and why a token failed), a password
/// change pending, or which roles the request needs.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        if (authorizeResult.Challenged)
        {
            await SecurityProblems.WriteUnauthorizedAsync(context);
            return;
        }

        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements ?? [];
        if (failed.OfType<PasswordChangedRequirement>().Any())
        {
            await SecurityProblems.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Change your password first",
                "You signed in with a one-time password. Change it first (POST /api/auth/change-password with currentPassword and newPassword); until then only that, /api/auth/me and sign-out are allowed.");
            return;
        }

        var needed = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        var has = context.User.RoleNames();
        await SecurityProblems.WriteAsync(
            context,
            StatusCodes.Status403Forbidden,
            "Forbidden",
            $"This request needs one of the roles {string.Join(", ", needed)}; you have {(has.Count == 0 ? "none" : string.Join(", ", has))}. Ask an administrator if you need it.");
    }
}
