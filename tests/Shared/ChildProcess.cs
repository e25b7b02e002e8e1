using System.Diagnostics;
using System.Text;

namespace Automation.Tests.Shared;

/// <summary>
/// A built .NET program run as a real child process (<c>dotnet some.dll args</c>) with its stdout lines and stderr
/// captured, so a test can wait for it, read what it printed, or kill it like a power cut. Compiled into each test
/// project that needs it (linked source), next to the program's dll copied there by a project reference.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, string dll, string workingDirectory, IEnumerable<string> args)
    {
        _name = name;
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
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

    /// <summary>The lines printed to stdout so far.</summary>
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

    /// <summary>Everything printed to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Completes when the process has ended, however it ended.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>The dotnet host that runs the tests (set by the dotnet CLI), so the child uses the same runtime.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Starts <paramref name="dll"/> (a file next to the test assembly); <paramref name="name"/> names it in failure messages.</summary>
    public static ChildProcess Start(string name, string dll, string workingDirectory, IEnumerable<string> args) =>
        new(name, dll, workingDirectory, args);

    /// <summary>Waits for the process to end on its own and for its output to be read; returns the exit code.
    /// After <paramref name="timeout"/> it is killed and a <see cref="TimeoutException"/> shows what it printed.</summary>
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
            throw new TimeoutException(
                $"{_name} {string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))} did not end within {timeout.TotalSeconds} s.{Environment.NewLine}{this}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the process and its children, like a power cut: no finally blocks, no flushing, no lease release.</summary>
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

    /// <summary>What the process printed so far (the last 40 stdout lines), for failure messages.</summary>
    public override string ToString() =>
        $"stdout:{Environment.NewLine}{string.Join(Environment.NewLine, Stdout.TakeLast(40))}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
}
