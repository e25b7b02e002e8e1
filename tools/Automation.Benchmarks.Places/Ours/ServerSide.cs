using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Benchmarks.Places.Harness;
using Automation.Places.Model;
using Automation.Places.Projection;

namespace Automation.Benchmarks.Places.Ours;

/// <summary>
/// This registry through its HTTP API: the real server program (Automation.Server, started from its built DLL as a
/// child process on a free 127.0.0.1 port) with its data folder holding the places.db the durable import wrote, demo
/// seeding off. At start the server reads the snapshot and builds its indexes as it always does; then a Planner user
/// is created, signs in (cookie session, as the planner page does) and the queries go to /api/places/search, /reverse
/// and /nearest over keep-alive connections, one per client. Every figure includes the loopback round trip, the
/// server's authentication, request logging and JSON in both directions, and the client's own JSON parsing.
/// </summary>
internal sealed class ServerSide : IAsyncDisposable
{
    private const string AdminPassword = "Places-Bench-Admin-1";
    private const string PlannerPassword = "Places-Bench-Planner-1";
    private const int KeptLines = 40;
    private static readonly string[] PlannerRoles = ["Planner"];
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly List<HttpClient> _clients = [];

    private ServerSide(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Wall time from starting the process until the registry answered (snapshot read + indexes built).</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>CPU time of the server process so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident memory of the server process.</summary>
    public long PeakBytes => Memory.PeakBytes(_process.Id);

    /// <summary>Starts the server on <paramref name="dataDirectory"/> (which holds places.db) and signs in <paramref name="clients"/> Planner sessions.</summary>
    public static async Task<ServerSide> StartAsync(string serverDll, string dataDirectory, int clients)
    {
        var clock = Stopwatch.StartNew();
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(serverDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.GetFullPath(serverDll), "--urls", address.ToString().TrimEnd('/'), $"--Automation:DataDirectory={dataDirectory}",
            "--Automation:SeedDemoData=false", $"--Automation:InitialAdminPassword={AdminPassword}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        var server = new ServerSide(process, address);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("'dotnet' did not start; is the .NET SDK on the PATH?");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilLiveAsync();
            server.StartTime = clock.Elapsed;
            await server.SignInPlannersAsync(clients);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public IReadOnlyList<HttpClient> Clients => _clients;

    /// <summary>GET /api/places/search: the ids of the hits, best first.</summary>
    public static async Task<IReadOnlyList<Guid>> SearchAsync(HttpClient client, string query, int limit)
    {
        using var response = await client.GetAsync(new Uri($"/api/places/search?q={Uri.EscapeDataString(query)}&limit={limit}", UriKind.Relative));
        await using var body = await Ensure(response).Content.ReadAsStreamAsync();
        using var json = await JsonDocument.ParseAsync(body);
        return [.. json.RootElement.EnumerateArray().Select(hit => hit.GetProperty("id").GetGuid())];
    }

    /// <summary>GET /api/places/reverse: true when an address was found (404 when none within the distance).</summary>
    public static async Task<bool> ReverseAsync(HttpClient client, UtmPoint point, double maxMetres)
    {
        var (lat, lon) = Wgs84(point);
        using var response = await client.GetAsync(new Uri($"/api/places/reverse?lat={lat}&lon={lon}&maxM={maxMetres.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await using var body = await Ensure(response).Content.ReadAsStreamAsync();
        using var json = await JsonDocument.ParseAsync(body);
        return json.RootElement.TryGetProperty("address", out _);
    }

    /// <summary>GET /api/places/nearest: how many meeting points came back.</summary>
    public static async Task<int> NearestAsync(HttpClient client, UtmPoint point, int k)
    {
        var (lat, lon) = Wgs84(point);
        using var response = await client.GetAsync(new Uri($"/api/places/nearest?lat={lat}&lon={lon}&k={k}", UriKind.Relative));
        await using var body = await Ensure(response).Content.ReadAsStreamAsync();
        using var json = await JsonDocument.ParseAsync(body);
        return json.RootElement.GetArrayLength();
    }

    /// <summary>GET /api/places/status: an authenticated request that does no lookup (the cost of the server's pipeline alone).</summary>
    public static async Task StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/places/status", UriKind.Relative));
        await using var body = await Ensure(response).Content.ReadAsStreamAsync();
        using var json = await JsonDocument.ParseAsync(body);
    }

    /// <summary>GET /health/live: anonymous, no lookup (the pipeline without the session check).</summary>
    public static async Task LiveAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        await Ensure(response).Content.ReadAsByteArrayAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public string LastOutput()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    private static (string Lat, string Lon) Wgs84(UtmPoint point)
    {
        var wgs = UtmProjection.Instance.ToWgs84(point);
        return (wgs.Lat.ToString("R", CultureInfo.InvariantCulture), wgs.Lon.ToString("R", CultureInfo.InvariantCulture));
    }

    private static HttpResponseMessage Ensure(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? response : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.ReasonPhrase}");

    private async Task SignInPlannersAsync(int clients)
    {
        using (var admin = Client())
        {
            var session = await PostAsync(admin, "/api/auth/login", new { userName = "admin", password = AdminPassword }, "admin sign-in");
            if (session["mustChangePassword"]?.GetValue<bool>() == true)
            {
                const string Changed = AdminPassword + "-Changed";
                await PostAsync(admin, "/api/auth/change-password", new { currentPassword = AdminPassword, newPassword = Changed }, "admin password change");
                await PostAsync(admin, "/api/auth/login", new { userName = "admin", password = Changed }, "admin sign-in with the new password");
            }

            await PostAsync(admin, "/api/users", new { userName = "planner", password = PlannerPassword, roles = PlannerRoles, mustChangePassword = false }, "creating the Planner user");
        }

        for (var i = 0; i < clients; i++)
        {
            var client = Client();
            _clients.Add(client);
            await PostAsync(client, "/api/auth/login", new { userName = "planner", password = PlannerPassword }, "Planner sign-in");
        }
    }

    /// <summary>One keep-alive connection with its own cookie session.</summary>
    private HttpClient Client()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = TimeSpan.FromHours(1),
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
        };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, object body, string step)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{step} failed: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private async Task WaitUntilLiveAsync()
    {
        // The server answers once it has read the snapshot and built its indexes; millions of addresses take a while
        // on a busy machine.
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (await poll.WaitForNextTickAsync(limit.Token))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} while starting:{Environment.NewLine}{LastOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative), limit.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!limit.IsCancellationRequested)
            {
                // One slow answer while the machine is busy.
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
