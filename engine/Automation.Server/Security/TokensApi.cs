using System.Security.Claims;
using System.Text.Json.Nodes;
using Automation.Server.Audit;
using Automation.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Security;

/// <summary>API tokens for agents and integrations: create (the value is shown only then), list, revoke.</summary>
public static partial class TokensApi
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("API tokens");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Administer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Administer);
        group.MapDelete("/{id}", RevokeAsync).RequireAuthorization(Policies.Administer);
        return app;
    }

    private static async Task<Ok<List<TokenView>>> ListAsync(ApiTokens tokens, CancellationToken cancellationToken)
    {
        var rows = await tokens.ListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(t => View(t, tokens)).ToList());
    }

    private static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, ApiTokens tokens, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            return Refusal.BadRequest($"Give the token a name of 1 to {MaxNameLength} characters that says who uses it, such as 'robot-agent-ward-4'.").ToProblem();
        }

        var (role, badRole) = RoleParser.ParseOne(request.Role);
        if (badRole is not null)
        {
            return Refusal.BadRequest(badRole).ToProblem();
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt <= tokens.Now)
        {
            return Refusal.BadRequest($"expiresAt {expiresAt:O} is in the past; give a future time, or leave it out for a token that does not expire.").ToProblem();
        }

        var (row, value) = await tokens.CreateAsync(request.Name, role!, request.ExpiresAt, actor.Identity?.Name ?? "", cancellationToken);
        LogCreated(loggers.CreateLogger(typeof(TokensApi).FullName!), actor.Identity?.Name, row.Id, row.Name, row.Role);
        await AuditEvents.RecordAsync(http, AuditEventTypes.TokenCreated, "Ok", new JsonObject { ["id"] = row.Id, ["name"] = row.Name, ["role"] = row.Role, ["expiresAt"] = row.ExpiresAt });
        return TypedResults.Created($"/api/tokens/{row.Id}", new CreatedToken(row.Id, row.Name, row.Role, row.CreatedAt, row.ExpiresAt, value));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, ApiTokens tokens, ClaimsPrincipal actor, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var row = await tokens.RevokeAsync(id, cancellationToken);
        if (row is null)
        {
            return Refusal.NotFound($"There is no API token with id '{id}'; GET /api/tokens lists them.").ToProblem();
        }

        LogRevoked(loggers.CreateLogger(typeof(TokensApi).FullName!), actor.Identity?.Name, row.Id, row.Name);
        await AuditEvents.RecordAsync(http, AuditEventTypes.TokenRevoked, "Ok", new JsonObject { ["id"] = row.Id, ["name"] = row.Name, ["role"] = row.Role });
        return TypedResults.NoContent();
    }

    private static TokenView View(ApiTokenRow row, ApiTokens tokens) =>
        new(row.Id, row.Name, row.Role, row.CreatedBy, row.CreatedAt, row.ExpiresAt, row.RevokedAt, tokens.StatusOf(row));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} created API token {Id} '{Name}' with role {Role}")]
    private static partial void LogCreated(ILogger logger, string? actor, string id, string name, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} revoked API token {Id} '{Name}'")]
    private static partial void LogRevoked(ILogger logger, string? actor, string id, string name);
}

/// <summary>A new API token with exactly one role; without <c>expiresAt</c> it lasts until revoked.</summary>
public sealed record CreateTokenRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);

/// <summary>The new token. <c>token</c> is the only time the value is shown: store it now.</summary>
public sealed record CreatedToken(string Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string Token);

/// <summary>A token as listed: never its value. <c>status</c> is active, expired or revoked.</summary>
public sealed record TokenView(string Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string Status);
