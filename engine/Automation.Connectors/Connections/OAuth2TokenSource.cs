using System.Globalization;
using System.Net;
using System.Text.Json;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Connections;

/// <summary>
/// OAuth2 client-credentials tokens of one connection: fetched from the token endpoint when needed, kept until shortly
/// before they expire, and dropped when the API answers 401 so the next request fetches a fresh one. Only the access
/// token is cached; the client secret is read from the vault for each fetch.
/// </summary>
internal sealed class OAuth2TokenSource(
    ConnectionDefinition connection,
    ConnectionCredentials credentials,
    HttpMessageInvoker tokenClient,
    TimeProvider clock,
    Action<HttpRequestMessage?, string> report) : IDisposable
{
    /// <summary>Renew this long before expiry (at most a tenth of the lifetime), so a token does not run out in flight.</summary>
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime assumed when the server does not say (no <c>expires_in</c>). <value>5 minutes</value></summary>
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private Token? _token;

    /// <summary>A valid access token for <paramref name="request"/>, fetching one when none is cached or the cached one is about to expire.</summary>
    public async ValueTask<string> GetAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cached = _token;
        if (cached is not null && clock.GetUtcNow() < cached.RenewAt)
        {
            return cached.AccessToken;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            // Another request may have fetched one while this one waited.
            cached = _token;
            if (cached is not null && clock.GetUtcNow() < cached.RenewAt)
            {
                return cached.AccessToken;
            }

            _token = await FetchAsync(request, cancellationToken);
            return _token.AccessToken;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> (the API answered 401 to it) unless a newer token replaced it already.</summary>
    public void Invalidate(string rejected)
    {
        var current = _token;
        if (current is not null && current.AccessToken == rejected)
        {
            Interlocked.CompareExchange(ref _token, null, current);
        }
    }

    private async Task<Token> FetchAsync(HttpRequestMessage cause, CancellationToken cancellationToken)
    {
        var tokenUrl = connection.TokenUrl
            ?? throw new WorkflowFaultException(
                $"Connection '{connection.Name}' uses OAuth2 client credentials but has no token URL; set {ConnectorOptions.Section}:{connection.Name}:TokenUrl.");
        var fields = await credentials.FieldsAsync(cancellationToken, "clientId", "clientSecret");

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = fields[0],
            ["client_secret"] = fields[1],
        };
        if (!string.IsNullOrWhiteSpace(connection.Scope))
        {
            form["scope"] = connection.Scope;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        using var response = await tokenClient.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var endpoint = tokenUrl.GetLeftPart(UriPartial.Path);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var problem = $"The token endpoint {endpoint} of connection '{connection.Name}' answered {status}{Describe(text)}";

            // Server trouble is transient (the retry policy tries again); a refusal of the client is not.
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new HttpRequestException(problem + ".", null, response.StatusCode);
            }

            throw new WorkflowFaultException(
                $"{problem}. Check the clientId and clientSecret of credential '{connection.Credential}' in the vault, and the connection's Scope and TokenUrl.");
        }

        var token = Parse(text, endpoint);
        report(cause, $"Connection '{connection.Name}': fetched an OAuth2 access token from {endpoint}, valid for {token.Lifetime.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s.");
        return token;
    }

    private Token Parse(string text, string endpoint)
    {
        string? accessToken = null;
        var lifetime = DefaultLifetime;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("access_token", out var value) && value.ValueKind == JsonValueKind.String)
            {
                accessToken = value.GetString();
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("expires_in", out var expires))
            {
                // Some servers send the number as text.
                if ((expires.ValueKind == JsonValueKind.Number && expires.TryGetDouble(out var seconds))
                    || (expires.ValueKind == JsonValueKind.String && double.TryParse(expires.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)))
                {
                    lifetime = TimeSpan.FromSeconds(Math.Max(0, seconds));
                }
            }
        }
        catch (JsonException)
        {
            // Reported below as a missing access token.
        }

        if (string.IsNullOrEmpty(accessToken))
        {
            throw new WorkflowFaultException(
                $"The token endpoint {endpoint} of connection '{connection.Name}' answered without an access_token; check that TokenUrl is the OAuth2 token endpoint.");
        }

        var skew = TimeSpan.FromTicks(Math.Min(ExpirySkew.Ticks, lifetime.Ticks / 10));
        return new Token(accessToken, lifetime, clock.GetUtcNow() + lifetime - skew);
    }

    /// <summary>The OAuth2 error code and description, never the rest of the body (which could echo what was sent).</summary>
    private static string Describe(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                var description = document.RootElement.TryGetProperty("error_description", out var d) ? d.ToString() : null;
                return $" ({error}{(string.IsNullOrEmpty(description) ? "" : ": " + description)})";
            }
        }
        catch (JsonException)
        {
            // Not an OAuth2 error document: say nothing more.
        }

        return "";
    }

    public void Dispose() => _fetching.Dispose();

    private sealed record Token(string AccessToken, TimeSpan Lifetime, DateTimeOffset RenewAt);
}
