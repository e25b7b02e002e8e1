using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Automation.Benchmarks.Designer;

/// <summary>
/// The built server as its own process (as tools/run.sh runs it) on a free port of 127.0.0.1, over a temporary data
/// folder that is deleted afterwards, with a known first administrator password.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminPassword = "Bench-Admin-Pass-1";

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly StringBuilder _log = new();

    private ServerProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The administrator's password once signed in (changed from the one-time one when the server asks).</summary>
    public string Password { get; private set; } = AdminPassword;

    public static async Task<ServerProcess> StartAsync(string serverDll, string webAppDirectory, CancellationToken cancellationToken)
    {
        var data = Path.Combine(Path.GetTempPath(), "designer-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            serverDll, "--urls", address.ToString().TrimEnd('/'),
            $"--Automation:DataDirectory={data}",
            "--Automation:SeedDemoData=false",
            $"--Automation:DemoWorkflowsDirectory={Path.Combine(data, "no-demo-workflows")}",
            $"--Automation:InitialAdminPassword={AdminPassword}",
            $"--Automation:WebAppDirectory={webAppDirectory}",
            "--Serilog:MinimumLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, data, address);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>An API client signed in as the administrator.</summary>
    public async Task<HttpClient> SignInAsync(CancellationToken cancellationToken)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = AdminPassword }, cancellationToken);
        await EnsureAsync(login, "signing in as admin");
        var me = await login.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        if (me?["mustChangePassword"]?.GetValue<bool>() == true)
        {
            Password = AdminPassword + "!";
            var change = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = AdminPassword, newPassword = Password }, cancellationToken);
            await EnsureAsync(change, "changing the admin's one-time password");
        }

        return client;
    }

    public static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be open for a moment; the OS cleans the temp folder later.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server stopped at start (exit code {_process.ExitCode}):{Environment.NewLine}{Log()}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy starting.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The server was not ready at {BaseAddress}health/ready within 90 s:{Environment.NewLine}{Log()}");
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
