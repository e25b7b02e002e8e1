using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Automation.Server.Security;

/// <summary>
/// Signs in a request that carries <c>Authorization: Bearer &lt;token&gt;</c> as its API token's role. An unknown,
/// expired or revoked token fails with a reason the 401 answer passes on.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string BearerPrefix = "Bearer ";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var value = Request.Headers.Authorization.ToString()[BearerPrefix.Length..].Trim();
        if (value.Length == 0)
        {
            return Fail("The Authorization header has no token after 'Bearer'; send 'Authorization: Bearer <token>'.");
        }

        var token = await tokens.FindByValueAsync(value, Context.RequestAborted);
        if (token is null)
        {
            return Fail("The API token is not valid. Check that it was copied whole, or ask an administrator for a new one.");
        }

        if (token.RevokedAt is { } revoked)
        {
            return Fail($"The API token '{token.Name}' was revoked at {revoked.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; ask an administrator for a new one.");
        }

        if (token.ExpiresAt is { } expires && expires <= tokens.Now)
        {
            return Fail($"The API token '{token.Name}' expired at {expires.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; ask an administrator for a new one.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(Principals.ForToken(token), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        SecurityProblems.WriteUnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SecurityProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This API token's role does not allow this request.");

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[SecurityClaims.FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }
}
