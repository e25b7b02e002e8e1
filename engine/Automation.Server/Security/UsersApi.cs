using System.Security.Claims;
using System.Text.Json.Nodes;
using Automation.Server.Audit;
using Automation.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Security;

/// <summary>User administration: list, create, set roles, reset a password, unlock, delete.</summary>
public static partial class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Administer);
        group.MapGet("/{userName}", GetAsync).RequireAuthorization(Policies.Administer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Administer);
        group.MapPut("/{userName}/roles", SetRolesAsync).RequireAuthorization(Policies.Administer);
        group.MapPost("/{userName}/reset-password", ResetPasswordAsync).RequireAuthorization(Policies.Administer);
        group.MapPost("/{userName}/unlock", UnlockAsync).RequireAuthorization(Policies.Administer);
        group.MapDelete("/{userName}", DeleteAsync).RequireAuthorization(Policies.Administer);
        return app;
    }

    private static async Task<Ok<List<UserView>>> ListAsync(UserAccounts accounts, CancellationToken cancellationToken)
    {
        var users = await accounts.ListAsync(cancellationToken);
        return TypedResults.Ok(users.Select(u => View(u, accounts)).ToList());
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(string userName, UserAccounts accounts, CancellationToken cancellationToken)
    {
        var user = await accounts.FindAsync(userName, cancellationToken);
        return user is null ? Refusal.NotFound($"There is no user '{userName}'.").ToProblem() : TypedResults.Ok(View(user, accounts));
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, UserAccounts accounts, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var (user, refusal) = await accounts.CreateAsync(request.UserName, request.Password, request.Roles, request.MustChangePassword ?? true, cancellationToken);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        LogCreated(Logger(loggers), actor.Identity?.Name, user!.UserName, user.Roles);
        await AuditEvents.RecordAsync(http, AuditEventTypes.UserCreated, "Ok", new JsonObject { ["userName"] = user.UserName, ["roles"] = user.Roles, ["mustChangePassword"] = user.MustChangePassword });
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.UserName)}", View(user, accounts));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetRolesAsync(
        string userName, SetRolesRequest request, UserAccounts accounts, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var previousRoles = (await accounts.FindAsync(userName, cancellationToken))?.Roles;
        var (user, refusal) = await accounts.SetRolesAsync(userName, request.Roles, cancellationToken);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        LogRolesSet(Logger(loggers), actor.Identity?.Name, user!.UserName, user.Roles);
        await AuditEvents.RecordAsync(http, AuditEventTypes.UserRolesChanged, "Ok", new JsonObject { ["userName"] = user.UserName, ["previousRoles"] = previousRoles, ["roles"] = user.Roles });
        return TypedResults.Ok(View(user, accounts));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetPasswordAsync(
        string userName, ResetPasswordRequest request, UserAccounts accounts, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var refusal = await accounts.ResetPasswordAsync(userName, request.Password, request.MustChangePassword ?? true, cancellationToken);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        LogChanged(Logger(loggers), actor.Identity?.Name, "reset the password of", userName);
        await AuditEvents.RecordAsync(http, AuditEventTypes.UserPasswordReset, "Ok", new JsonObject { ["userName"] = userName, ["mustChangePassword"] = request.MustChangePassword ?? true });
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnlockAsync(
        string userName, UserAccounts accounts, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var refusal = await accounts.UnlockAsync(userName, cancellationToken);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        LogChanged(Logger(loggers), actor.Identity?.Name, "unlocked", userName);
        await AuditEvents.RecordAsync(http, AuditEventTypes.UserUnlocked, "Ok", new JsonObject { ["userName"] = userName });
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string userName, UserAccounts accounts, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var refusal = await accounts.DeleteAsync(userName, cancellationToken);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        LogChanged(Logger(loggers), actor.Identity?.Name, "deleted", userName);
        await AuditEvents.RecordAsync(http, AuditEventTypes.UserDeleted, "Ok", new JsonObject { ["userName"] = userName });
        return TypedResults.NoContent();
    }

    private static UserView View(UserRow user, UserAccounts accounts) => new(
        user.UserName,
        RoleParser.Split(user.Roles),
        user.MustChangePassword,
        accounts.IsLocked(user),
        accounts.IsLocked(user) ? user.LockedUntil : null,
        user.FailedSignIns,
        user.CreatedAt,
        user.LastSignInAt);

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(UsersApi).FullName!);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} created user {UserName} with roles {Roles}")]
    private static partial void LogCreated(ILogger logger, string? actor, string userName, string roles);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} set the roles of user {UserName} to {Roles}")]
    private static partial void LogRolesSet(ILogger logger, string? actor, string userName, string roles);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} {Action} user {UserName}")]
    private static partial void LogChanged(ILogger logger, string? actor, string action, string userName);
}

/// <summary>A new user. <c>mustChangePassword</c> defaults to true: the password is a one-time password.</summary>
public sealed record CreateUserRequest(string? UserName, string? Password, string[]? Roles, bool? MustChangePassword);

/// <summary>The user's complete set of roles.</summary>
public sealed record SetRolesRequest(string[]? Roles);

/// <summary>A new password set by an administrator; by default the user must change it at next sign-in.</summary>
public sealed record ResetPasswordRequest(string? Password, bool? MustChangePassword);

/// <summary>A user as administrators see it; never the password or its hash.</summary>
public sealed record UserView(
    string UserName,
    IReadOnlyList<string> Roles,
    bool MustChangePassword,
    bool Locked,
    DateTimeOffset? LockedUntil,
    int FailedSignIns,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt);
