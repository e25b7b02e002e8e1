using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Security;

public sealed class RoleMatrixTests(RoleMatrixTests.Server server) : IClassFixture<RoleMatrixTests.Server>
{
    [Fact]
    public void ReadmeTable_MatchesThePoliciesInCode()
    {
        var matrix = RoleMatrix.FromReadme();

        Assert.Equal(
            Policies.RolesFor.Keys.Append(RoleMatrix.AllowAnonymous).Order(StringComparer.Ordinal),
            matrix.Rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (policy, roles) in Policies.RolesFor)
        {
            Assert.True(roles.Order(StringComparer.Ordinal).SequenceEqual(matrix.Rows[policy].Order(StringComparer.Ordinal)), $"README row {policy} says {string.Join(", ", matrix.Rows[policy])}; the code grants {string.Join(", ", roles)}.");
        }

        Assert.True(matrix.Rows[RoleMatrix.AllowAnonymous].SetEquals([.. Roles.All, RoleMatrix.Anonymous]), "the AllowAnonymous row is ✓ for every caller");
    }

    [Fact]
    public async Task RouteTable_EveryEndpoint_NamesAPolicyOrAllowsAnonymous()
    {
        var endpoints = await server.EndpointsAsync();

        var unguarded = endpoints.Where(e => Guard(e) is null).Select(Describe).ToList();

        Assert.True(endpoints.Count > 20, "the route table was read");
        Assert.True(unguarded.Count == 0, "Endpoints that do not name exactly one policy from Policies.RolesFor, nor AllowAnonymous: " + string.Join("; ", unguarded));
    }

    [Fact]
    public async Task RouteTable_EveryEndpointAndCaller_AnswersAsTheReadmeMatrixSays()
    {
        var matrix = RoleMatrix.FromReadme();
        var endpoints = await server.EndpointsAsync();
        var callers = await server.CallersAsync();
        var wrong = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var guard = Guard(endpoint) ?? throw new InvalidOperationException($"{Describe(endpoint)} has no policy.");
            var allowed = matrix.Rows[guard];
            foreach (var method in Methods(endpoint))
            {
                var url = Url(endpoint.RoutePattern);
                foreach (var caller in callers)
                {
                    var status = await caller.SendAsync(server.Client, method, url);
                    var expected = allowed.Contains(caller.Role) ? "allowed" : caller.Role == RoleMatrix.Anonymous ? "401" : "403";
                    var ok = expected switch
                    {
                        "allowed" => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500,
                        "401" => status == HttpStatusCode.Unauthorized,
                        _ => status == HttpStatusCode.Forbidden,
                    };
                    if (!ok)
                    {
                        wrong.Add($"{method} {url} as {caller.Name}: {(int)status}, expected {expected} ({guard})");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task RouteTable_UserWhoMustChangePassword_ReachesOnlyOwnAccountAndAnonymousEndpoints()
    {
        var endpoints = await server.EndpointsAsync();
        var caller = await server.PendingPasswordChangeAsync();
        var wrong = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var guard = Guard(endpoint);
            foreach (var method in Methods(endpoint))
            {
                var url = Url(endpoint.RoutePattern);
                var status = await caller.SendAsync(server.Client, method, url);
                var reachable = guard is RoleMatrix.AllowAnonymous or Policies.OwnAccount;
                if (reachable ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
                {
                    wrong.Add($"{method} {url}: {(int)status} ({guard})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The policy an endpoint names, <see cref="RoleMatrix.AllowAnonymous"/>, or null when it has neither.</summary>
    private static string? Guard(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return RoleMatrix.AllowAnonymous;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Distinct().ToList();
        return policies is [{ } policy] && Policies.RolesFor.ContainsKey(policy) ? policy : null;
    }

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"];

    private static string Describe(RouteEndpoint endpoint) => $"{string.Join(",", Methods(endpoint))} {endpoint.RoutePattern.RawText}";

    /// <summary>A concrete URL for the pattern: ids that exist nowhere, so allowed callers get 400/404, not side effects.</summary>
    private static string Url(RoutePattern pattern)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content is "int" or "long") => "1",
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "guid") => Guid.Empty.ToString(),
                    RoutePatternParameterPart p when p.Name == "documentName" => "v1",
                    _ => "matrix-none",
                });
            }
        }

        return url.Length == 0 ? "/" : url.ToString();
    }

    /// <summary>Someone calling the API: a user of one role (cookie), a token of one role, or nobody.</summary>
    public sealed record Caller(string Name, string Role, string? Cookie, string? Token)
    {
        public async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            // Sent by hand rather than through a cookie container, so calling sign-out does not end the session for the next call.
            if (Cookie is not null)
            {
                request.Headers.Add("Cookie", Cookie);
            }

            if (Token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            }

            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
    }

    /// <summary>One server for the class, with a user and an API token for each role.</summary>
    public sealed class Server : IAsyncLifetime, IDisposable
    {
        private readonly ServerFactory _factory = new();
        private List<Caller>? _callers;

        public HttpClient Client { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
            return Task.CompletedTask;
        }

        public Task<List<RouteEndpoint>> EndpointsAsync() => Task.FromResult(
            _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList());

        public async Task<IReadOnlyList<Caller>> CallersAsync()
        {
            if (_callers is not null)
            {
                return _callers;
            }

            using var admin = await _factory.AdminAsync();
            var callers = new List<Caller> { new("anonymous", RoleMatrix.Anonymous, null, null) };
            foreach (var role in Roles.All)
            {
                var userName = "matrix-" + role.ToLowerInvariant();
                (await admin.PostAsJsonAsync("/api/users", new { userName, password = ServerFactory.UserPassword, roles = new[] { role }, mustChangePassword = false })).EnsureSuccessStatusCode();
                var login = await Client.PostAsJsonAsync("/api/auth/login", new { userName, password = ServerFactory.UserPassword });
                login.EnsureSuccessStatusCode();
                var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
                callers.Add(new Caller($"user {userName}", role, cookie, null));

                var token = await admin.PostAsJsonAsync("/api/tokens", new { name = "matrix-" + role, role });
                token.EnsureSuccessStatusCode();
                var value = (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
                callers.Add(new Caller($"token of {role}", role, null, value));
            }

            _callers = callers;
            return callers;
        }

        /// <summary>An administrator who has not yet changed the one-time password.</summary>
        public async Task<Caller> PendingPasswordChangeAsync()
        {
            using var admin = await _factory.AdminAsync();
            (await admin.PostAsJsonAsync("/api/users", new { userName = "matrix-pending", password = ServerFactory.UserPassword, roles = Roles.All, mustChangePassword = true })).EnsureSuccessStatusCode();
            var login = await Client.PostAsJsonAsync("/api/auth/login", new { userName = "matrix-pending", password = ServerFactory.UserPassword });
            login.EnsureSuccessStatusCode();
            return new Caller("user matrix-pending", Roles.Administrator, login.Headers.GetValues("Set-Cookie").Single().Split(';')[0], null);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            Client?.Dispose();
            _factory.Dispose();
        }
    }
}
