using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Connectors.Tests.Http;
using Automation.Engine.Credentials;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Connections;

public sealed class ConnectionAuthenticationTests
{
    private const string Password = "Sommer-2026!hemmeligt";
    private const string ApiKey = "key-4f1c9a77e2";
    private const string ClientSecret = "client-secret-83be19";

    [Fact]
    public async Task StartAsync_BasicAuthentication_ServerGetsVaultCredentialAndJournalShowsNoSecret()
    {
        string? authorization = null;
        using var server = new LocalHttpServer((context, ct) =>
        {
            authorization = context.Request.Headers["Authorization"];
            return HttpCallFlow.WriteJsonAsync(context.Response, """{ "ok": true }""", ct);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server, configure: c => (c.Authentication, c.Credential) = (AuthenticationKind.Basic, "sundhed-api")));
        host.Credentials.Set(new Credential("sundhed-api", new Dictionary<string, string> { ["userName"] = "robot01", ["password"] = Password }));

        var result = await host.RunAsync(HttpCallFlow.Calling("""
            "connection": "api", "path": "referrals", "headers": { "X-Trace": "trace-secret-77" }
            """));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("robot01:" + Password)), authorization);
        var logged = await HttpCallFlow.EverythingLoggedAsync(host, result);
        Assert.DoesNotContain(Password, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(authorization!["Basic ".Length..], logged, StringComparison.Ordinal);
        Assert.DoesNotContain("trace-secret-77", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ApiKeyAuthentication_ServerGetsKeyInConfiguredHeader()
    {
        string? key = null;
        using var server = new LocalHttpServer((context, ct) =>
        {
            key = context.Request.Headers["X-Region-Key"];
            return HttpCallFlow.WriteJsonAsync(context.Response, "[]", ct);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server, configure: c =>
        {
            (c.Authentication, c.Credential, c.ApiKeyHeader) = (AuthenticationKind.ApiKey, "region-key", "X-Region-Key");
        }));
        host.Credentials.Set(new Credential("region-key", new Dictionary<string, string> { ["apiKey"] = ApiKey }));

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));

        Assert.Equal(["ok"], host.Log.Lines);
        Assert.Equal(ApiKey, key);
        Assert.DoesNotContain(ApiKey, await HttpCallFlow.EverythingLoggedAsync(host, result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OAuth2SeveralCalls_FetchesTokenOnceAndReusesIt()
    {
        using var server = new OAuth2Server();
        using var host = new TestHost(server.Connection());
        host.Credentials.Set(OAuth2Server.Credential());

        for (var i = 0; i < 3; i++)
        {
            var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\", \"path\": \"patients\""));
            Assert.Equal(InstanceStatus.Finished, result.Status);
            Assert.DoesNotContain("token-1", await HttpCallFlow.EverythingLoggedAsync(host, result), StringComparison.Ordinal);
            Assert.DoesNotContain(ClientSecret, await HttpCallFlow.EverythingLoggedAsync(host, result), StringComparison.Ordinal);
        }

        Assert.Equal(1, server.TokenRequests);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-1"], server.ApiAuthorizations);
        Assert.Equal(["ok", "ok", "ok"], host.Log.Lines.Where(l => !l.Contains("token", StringComparison.Ordinal)));
        Assert.Equal("client_credentials|robot-client|" + ClientSecret + "|fhir.read", server.LastTokenForm);
    }

    [Fact]
    public async Task StartAsync_OAuth2TokenExpired_FetchesNewToken()
    {
        using var server = new OAuth2Server { ExpiresIn = 300 };
        using var host = new TestHost(server.Connection());
        host.Credentials.Set(OAuth2Server.Credential());

        await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));
        host.Clock.Advance(TimeSpan.FromSeconds(299));
        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(2, server.TokenRequests);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], server.ApiAuthorizations);
    }

    [Fact]
    public async Task StartAsync_OAuth2TokenRejectedWith401_FetchesNewTokenOnceAndSucceeds()
    {
        using var server = new OAuth2Server();
        using var host = new TestHost(server.Connection());
        host.Credentials.Set(OAuth2Server.Credential());
        await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));
        server.Revoke("token-1");

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));

        Assert.Equal("ok", host.Log.Lines[^1]);
        Assert.Equal(2, server.TokenRequests);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], server.ApiAuthorizations);
        var entry = await HttpCallFlow.CallEntryAsync(host, result);
        Assert.Contains(entry.Log!, l => l.Contains("answered 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_UnknownCredential_FaultsNamingIt()
    {
        using var server = new LocalHttpServer((context, ct) => HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct));
        using var host = new TestHost(HttpCallFlow.Connection(server, configure: c => (c.Authentication, c.Credential) = (AuthenticationKind.Basic, "no-such-login")));

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("credential 'no-such-login'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("not in the credential vault", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_CredentialWithoutPassword_FaultsNamingTheField()
    {
        using var server = new LocalHttpServer((context, ct) => HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct));
        using var host = new TestHost(HttpCallFlow.Connection(server, configure: c => (c.Authentication, c.Credential) = (AuthenticationKind.Basic, "half-login")));
        host.Credentials.Set(new Credential("half-login", new Dictionary<string, string> { ["userName"] = "robot01" }));

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("has no field 'password'", result.Incident!.Message, StringComparison.Ordinal);
    }

    /// <summary>A token endpoint at /token and an API under /api/ that accepts only the tokens it issued and did not revoke.</summary>
    private sealed class OAuth2Server : IDisposable
    {
        private readonly LocalHttpServer _server;
        private readonly ConcurrentQueue<string> _apiAuthorizations = new();
        private readonly ConcurrentDictionary<string, bool> _valid = new(StringComparer.Ordinal);
        private int _tokenRequests;

        public OAuth2Server() => _server = new LocalHttpServer(HandleAsync);

        public int ExpiresIn { get; init; } = 3600;

        public int TokenRequests => Volatile.Read(ref _tokenRequests);

        public string? LastTokenForm { get; private set; }

        public IReadOnlyList<string> ApiAuthorizations => _apiAuthorizations.ToList();

        public ConnectionDefinition Connection() => HttpCallFlow.Connection(_server, configure: c =>
        {
            (c.Authentication, c.Credential) = (AuthenticationKind.OAuth2ClientCredentials, "fhir-client");
            (c.TokenUrl, c.Scope) = (new Uri(_server.Url + "token"), "fhir.read");
        });

        public static Credential Credential() =>
            new("fhir-client", new Dictionary<string, string> { ["clientId"] = "robot-client", ["clientSecret"] = ClientSecret });

        public void Revoke(string token) => _valid[token] = false;

        public void Dispose() => _server.Dispose();

        private async Task HandleAsync(System.Net.HttpListenerContext context, CancellationToken cancellationToken)
        {
            if (context.Request.Url!.AbsolutePath == "/token")
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var form = System.Web.HttpUtility.ParseQueryString(await reader.ReadToEndAsync(cancellationToken));
                LastTokenForm = $"{form["grant_type"]}|{form["client_id"]}|{form["client_secret"]}|{form["scope"]}";
                var token = $"token-{Interlocked.Increment(ref _tokenRequests)}";
                _valid[token] = true;
                var body = new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = ExpiresIn };
                await HttpCallFlow.WriteJsonAsync(context.Response, body.ToJsonString(), cancellationToken);
                return;
            }

            var authorization = context.Request.Headers["Authorization"] ?? "";
            _apiAuthorizations.Enqueue(authorization);
            var valid = authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _valid.GetValueOrDefault(authorization["Bearer ".Length..]);
            await HttpCallFlow.WriteJsonAsync(context.Response, valid ? """{ "resourceType": "Bundle" }""" : """{ "error": "invalid_token" }""", cancellationToken, valid ? 200 : 401);
        }
    }
}
