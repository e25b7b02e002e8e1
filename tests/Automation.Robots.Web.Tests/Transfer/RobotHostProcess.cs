using System.Diagnostics;
using System.Text;

namespace Automation.Robots.Web.Tests.Transfer;

/// <summary>
/// tools/Automation.RobotHost as a real child process (<c>dotnet Automation.RobotHost.dll</c>), so a test can kill it
/// with SIGKILL. The project reference copies the host with its runtimeconfig next to the test assembly.
/// </summary>
internal sealed class RobotHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RobotHostProcess(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Automation.RobotHost.dll"));
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

    /// <summary>Completes when the process has ended, however it ended.</summary>
    public Task Exited => _process.WaitForExitAsync();

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

    /// <summary>The dotnet host that runs the tests (set by the dotnet CLI), so the child uses the same runtime.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static RobotHostProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, args);

    /// <summary>Waits for the process to end on its own and returns its exit code; kills it after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The robot host did not end within {timeout.TotalSeconds} s.{Environment.NewLine}{this}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the host and its browser, like a power cut: no finally blocks, no lease release, no flushing.</summary>
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

    /// <summary>What the process printed so far, for failure messages.</summary>
    public override string ToString()
    {
        lock (_stderr)
        {
            return $"stdout:{Environment.NewLine}{string.Join(Environment.NewLine, Stdout.TakeLast(40))}{Environment.NewLine}stderr:{Environment.NewLine}{_stderr}";
        }
    }
}
