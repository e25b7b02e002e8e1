using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Automation.Connectors.Connections;

/// <summary>
/// Adds a connection's authentication to each attempt (it sits inside the retry, so every attempt is signed afresh).
/// Basic and API-key secrets are read from the vault per request; OAuth2 tokens come from <see cref="OAuth2TokenSource"/>,
/// and a 401 answer makes it fetch a new token and try exactly once more.
/// </summary>
internal sealed class ConnectionAuthenticationHandler(
    ConnectionDefinition connection,
    ConnectionCredentials credentials,
    OAuth2TokenSource? tokens,
    Action<HttpRequestMessage?, string> report) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (connection.Authentication)
        {
            case AuthenticationKind.Basic:
                var basic = await credentials.FieldsAsync(cancellationToken, "userName", "password");
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic[0]}:{basic[1]}")));
                break;
            case AuthenticationKind.ApiKey:
                var key = await credentials.FieldsAsync(cancellationToken, "apiKey");
                request.Headers.Remove(connection.ApiKeyHeader);
                request.Headers.TryAddWithoutValidation(connection.ApiKeyHeader, key[0]);
                break;
            case AuthenticationKind.OAuth2ClientCredentials:
                return await SendWithTokenAsync(request, cancellationToken);
            default:
                break;
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens!.GetAsync(request, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The token may have been revoked or expired early: one fresh token, one more try, then the 401 stands.
        response.Dispose();
        tokens.Invalidate(token);
        report(request, $"Connection '{connection.Name}': the server answered 401 to the cached access token; fetching a new token and trying once more.");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(request, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
