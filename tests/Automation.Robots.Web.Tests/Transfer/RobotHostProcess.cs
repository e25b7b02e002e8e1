using Automation.Tests.Shared;

namespace Automation.Robots.Web.Tests.Transfer;

/// <summary>
/// tools/Automation.RobotHost as a real child process (<c>dotnet Automation.RobotHost.dll</c>), so a test can kill it
/// with SIGKILL. The project reference copies the host with its runtimeconfig next to the test assembly.
/// </summary>
internal sealed class RobotHostProcess : IDisposable
{
    private readonly ChildProcess _process;

    private RobotHostProcess(string workingDirectory, IEnumerable<string> args) =>
        _process = ChildProcess.Start("The robot host", "Automation.RobotHost.dll", workingDirectory, args);

    /// <summary>Completes when the process has ended, however it ended.</summary>
    public Task Exited => _process.Exited;

    public IReadOnlyList<string> Stdout => _process.Stdout;

    public static RobotHostProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, args);

    /// <summary>Waits for the process to end on its own and returns its exit code; kills it after <paramref name="timeout"/>.</summary>
    public Task<int> WaitAsync(TimeSpan timeout) => _process.WaitAsync(timeout);

    /// <summary>SIGKILL to the host and its browser, like a power cut: no finally blocks, no lease release, no flushing.</summary>
    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();

    /// <summary>What the process printed so far, for failure messages.</summary>
    public override string ToString() => _process.ToString();
}
