using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Automation.LoadTest;

/// <summary>
/// <c>--per-request</c>: the server's fixed cost per HTTP request, apart from any workflow. Drives cheap GETs with a few
/// keep-alive clients — the anonymous <c>/health/live</c>; <c>/api/auth/me</c> (no I/O) with an Operator API token
/// and with a sign-in cookie; <c>/api/definitions</c> (none published: one store query) with the token — and reports
/// requests/s and the server's CPU time per request (from /proc, user + kernel), which a shared machine distorts much
/// less than the rate.
/// </summary>
internal static class PerRequest
{
    public static async Task<IReadOnlyList<PhaseResult>> MeasureAsync(ServerProcess server, string adminPassword, int requests, int clients, int warmup, CancellationToken cancellationToken)
    {
        var token = await ApiSession.PrepareAsync(server.Address, adminPassword, [], cancellationToken);
        using var anonymous = Client(server.Address, clients, null, null);
        using var bearer = Client(server.Address, clients, token, null);
        var cookies = new CookieContainer();
        using var cookie = Client(server.Address, clients, null, cookies);
        // PrepareAsync changed the one-time password when the server asked for it; either may be current.
        foreach (var password in new[] { adminPassword + "-Changed-1", adminPassword })
        {
            using var login = await cookie.PostAsJsonAsync("auth/login".AsApi(), new { userName = "admin", password }, cancellationToken);
            if (login.IsSuccessStatusCode)
            {
                break;
            }

            if (password == adminPassword)
            {
                throw new InvalidOperationException($"cookie sign-in failed: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var probes = new (string Name, HttpClient Client, Uri Path)[]
        {
            ("GET /health/live (anonymous)", anonymous, new Uri("/health/live", UriKind.Relative)),
            ("GET /api/auth/me (token)", bearer, "auth/me".AsApi()),
            ("GET /api/definitions (token)", bearer, "definitions".AsApi()),
            ("GET /api/auth/me (cookie)", cookie, "auth/me".AsApi()),
        };
        var results = new List<PhaseResult>();
        foreach (var (name, client, path) in probes)
        {
            await Phase.RunAsync("warm-up", warmup, clients, "req", (_, c) => GetAsync(client, path, c), cancellationToken);
            results.Add(await Phase.RunAsync(name, requests, clients, "req", (_, c) => GetAsync(client, path, c), () => server.CpuTime, cancellationToken));
        }

        return results;
    }

    private static HttpClient Client(Uri server, int clients, string? token, CookieContainer? cookies)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
        };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static async Task<bool> GetAsync(HttpClient client, Uri path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return true;
    }

    /// <summary>Prints rate and CPU µs per request; the load average says how much the machine was shared.</summary>
    public static void Print(IEnumerable<PhaseResult> results)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"request",-34} {"requests",9} {"req/s",8} {"p50 ms",7} {"p99 ms",7} {"server CPU µs/req",18}"));
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-34} {r.Calls,9:N0} {r.PerSecond,8:F0} {r.Percentile(50),7:F2} {r.Percentile(99),7:F2} {r.Cpu.TotalMilliseconds * 1000 / r.Calls,18:F0}"));
        }
    }
}
