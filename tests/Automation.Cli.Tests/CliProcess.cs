using System.Diagnostics;
using System.Text;

namespace Automation.Cli.Tests;

/// <summary>What a finished <c>automation</c> process printed and returned.</summary>
internal sealed record CliResult(int ExitCode, IReadOnlyList<string> Stdout, string Stderr)
{
    public string LastLine => Stdout.Count == 0 ? "" : Stdout[^1];

    public override string ToString() =>
        $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{string.Join(Environment.NewLine, Stdout)}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
}

/// <summary>
/// Starts the built CLI as a real child process (<c>dotnet automation.dll</c>). The project reference copies
/// automation.dll with its runtimeconfig next to the test assembly, so this works for any configuration or artifacts path.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "automation.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _stdoutClosed.TrySetResult();
                return;
            }

            lock (_stdout)
            {
                _stdout.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _stderrClosed.TrySetResult();
                return;
            }

            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToList();
            }
        }
    }

    /// <summary>Completes when the process has ended, however it ended.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>The dotnet host that runs the tests (set by the dotnet CLI), so the child uses the same runtime.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static CliProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, args);

    /// <summary>Runs the CLI to its end and returns what it printed.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return await process.WaitAsync();
    }

    public async Task<CliResult> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"automation {string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))} did not end within {Timeout.TotalSeconds} s.{Environment.NewLine}{Snapshot(-1)}");
        }

        return Snapshot(_process.ExitCode);
    }

    /// <summary>SIGKILL, like a power cut: no finally blocks, no flushing, no lease release.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private CliResult Snapshot(int exitCode)
    {
        lock (_stderr)
        {
            return new CliResult(exitCode, Stdout, _stderr.ToString());
        }
    }
}
