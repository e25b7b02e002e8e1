using Microsoft.AspNetCore.Authorization;

namespace Automation.Server.Security;

/// <summary>Met once the user has changed a one-time password; part of every policy except <see cref="Policies.OwnAccount"/>.</summary>
internal sealed class PasswordChangedRequirement : AuthorizationHandler<PasswordChangedRequirement>, IAuthorizationRequirement
{
    public static PasswordChangedRequirement Instance { get; } = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasswordChangedRequirement requirement)
    {
        if (!context.User.MustChangePasswordNow())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
