using System.Security.Claims;
using Automation.Server.Hosting;
using Automation.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Automation.Server.Security;

/// <summary>
/// Authentication (cookie sign-in for pages, API tokens for agents and integrations), the users and tokens they rest
/// on, and the authorization policies every endpoint names.
/// </summary>
public static class SecurityExtensions
{
    /// <summary>Picks the cookie or the API token handler per request.</summary>
    public const string Scheme = "Automation";

    private const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static IServiceCollection AddServerSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(ServerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddServerStorage();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordHasher<UserRow>, PasswordHasher<UserRow>>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton(sp => new FirstAdministrator(sp.GetRequiredService<UserAccounts>(), sp.GetRequiredService<IOptions<SecurityOptions>>(), Console.Out));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddSingleton<IAuthorizationHandler>(PasswordChangedRequirement.Instance);

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.HasBearer(context.Request) ? ApiTokenAuthenticationHandler.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, displayName: "API token", configureOptions: null)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "automation.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;

                // An API answers 401/403 with ProblemDetails, never a redirect to a sign-in page.
                options.Events.OnRedirectToLogin = context => SecurityProblems.WriteUnauthorizedAsync(context.HttpContext);
                options.Events.OnRedirectToAccessDenied = context =>
                    SecurityProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your roles do not allow this request.");
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<SecurityOptions>>((cookie, security) => cookie.ExpireTimeSpan = security.Value.SessionLifetime);

        services.AddAuthorization(options =>
        {
            foreach (var (policy, roles) in Policies.RolesFor)
            {
                options.AddPolicy(policy, p =>
                {
                    p.RequireAuthenticatedUser().RequireRole(roles);
                    if (policy != Policies.OwnAccount)
                    {
                        p.AddRequirements(PasswordChangedRequirement.Instance);
                    }
                });
            }
        });
        return services;
    }

    /// <summary>Ends a session whose user was deleted or whose password or roles changed since it signed in.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(SecurityClaims.Stamp);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
        var current = id is null ? null : await accounts.StampAsync(id, context.HttpContext.RequestAborted);
        if (current is not null && current == stamp)
        {
            return;
        }

        context.HttpContext.Items[SecurityClaims.FailureItem] = current is null
            ? "Your account no longer exists; ask an administrator."
            : "Your session ended because your password or roles changed; sign in again.";
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieScheme);
    }
}
