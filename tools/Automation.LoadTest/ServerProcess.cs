using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Automation.LoadTest;

/// <summary>
/// The real server as a child process on a free loopback port with its own temporary data folder. Its console output
/// is drained (a full pipe would stall it) and the last lines are kept to explain a failed start.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private long _lines;

    private ServerProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <summary>Lines the server wrote to its console (request logs included).</summary>
    public long OutputLines => Interlocked.Read(ref _lines);

    public static async Task<ServerProcess> StartAsync(string serverDll, string adminPassword, IEnumerable<string> extraArguments, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"load-server-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(serverDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.GetFullPath(serverDll),
            "--urls", address.ToString().TrimEnd('/'),
            $"--Automation:DataDirectory={dataDirectory}",
            "--Automation:SeedDemoData=false",
            $"--Automation:InitialAdminPassword={adminPassword}",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process, address, dataDirectory);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("'dotnet' did not start; is the .NET SDK on the PATH?");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilLiveAsync(cancellationToken);
        return server;
    }

    /// <summary>CPU time the server process has used so far (user and kernel), to tell cost per request apart from a busy machine.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public string LastOutput()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
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
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; the temporary folder is the OS's to clean then.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private async Task WaitUntilLiveAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
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
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
