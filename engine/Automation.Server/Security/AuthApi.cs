using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Automation.Server.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Security;

/// <summary>Sign-in, sign-out, who am I, and changing one's own password.</summary>
public static partial class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(Policies.OwnAccount);
        group.MapGet("/me", Me).RequireAuthorization(Policies.OwnAccount);
        group.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization(Policies.OwnAccount);
        return app;
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext http, UserAccounts accounts, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Refusal.BadRequest("Give both userName and password.").ToProblem();
        }

        var logger = loggers.CreateLogger(typeof(AuthApi).FullName!);
        var result = await accounts.SignInAsync(request.UserName, request.Password, cancellationToken);
        switch (result.Status)
        {
            case SignInStatus.Succeeded:
                var user = result.User!;
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principals.ForUser(user));
                LogSignedIn(logger, user.UserName);
                await AuditEvents.SignInAsync(http, user.UserName, "Ok", cancellationToken);
                return TypedResults.Ok(new SessionView(user.UserName, RoleParser.Split(user.Roles), user.MustChangePassword, SecurityClaims.UserKind));
            case SignInStatus.LockedOut:
                LogLockedOut(logger, result.User!.UserName, result.LockedUntil!.Value);
                await AuditEvents.SignInAsync(http, result.User.UserName, "LockedOut", cancellationToken);
                return accounts.Locked(result.User.UserName, result.LockedUntil.Value).ToProblem(http);
            default:
                // The same answer for an unknown name and a wrong password, so it does not tell which names exist.
                // Only names that exist are logged: an unknown "name" is often a password typed in the wrong box.
                if (result.User is not null)
                {
                    LogFailed(logger, result.User.UserName);
                }

                await AuditEvents.SignInAsync(http, result.User?.UserName, "Failed", cancellationToken);

                return new Refusal(StatusCodes.Status401Unauthorized, "Sign-in failed", "The user name or password is not correct.").ToProblem();
        }
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, ClaimsPrincipal user, ILoggerFactory loggers)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        LogSignedOut(loggers.CreateLogger(typeof(AuthApi).FullName!), user.Identity?.Name ?? "");
        return TypedResults.NoContent();
    }

    private static Ok<SessionView> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new SessionView(
            user.Identity?.Name ?? "",
            user.RoleNames(),
            user.MustChangePasswordNow(),
            user.IsToken() ? SecurityClaims.TokenKind : SecurityClaims.UserKind));

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, HttpContext http, UserAccounts accounts, CancellationToken cancellationToken)
    {
        if (principal.IsToken())
        {
            return Refusal.BadRequest("An API token has no password to change; sign in as a user.").ToProblem();
        }

        var (user, refusal) = await accounts.ChangePasswordAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", request.CurrentPassword, request.NewPassword, cancellationToken);
        if (refusal is not null)
        {
            return refusal.ToProblem(http);
        }

        // The security stamp changed, which ends every other session of this user; this one continues with a new cookie.
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principals.ForUser(user!));
        return TypedResults.Ok(new SessionView(user!.UserName, RoleParser.Split(user.Roles), false, SecurityClaims.UserKind));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} signed in")]
    private static partial void LogSignedIn(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} signed out")]
    private static partial void LogSignedOut(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in for user {UserName}")]
    private static partial void LogFailed(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: user {UserName} is locked until {LockedUntil}")]
    private static partial void LogLockedOut(ILogger logger, string userName, DateTimeOffset lockedUntil);
}

/// <summary>Sign-in request.</summary>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>Change one's own password.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Who the caller is: a user ("user") or an API token ("token"), its roles, and whether a password change is due.</summary>
public sealed record SessionView(string UserName, IReadOnlyList<string> Roles, bool MustChangePassword, string Kind);
