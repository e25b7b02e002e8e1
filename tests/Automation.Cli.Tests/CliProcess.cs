using Automation.Tests.Shared;

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
    private readonly ChildProcess _process;

    private CliProcess(string workingDirectory, IEnumerable<string> args) =>
        _process = ChildProcess.Start("automation", "automation.dll", workingDirectory, args);

    public IReadOnlyList<string> Stdout => _process.Stdout;

    /// <summary>Completes when the process has ended, however it ended.</summary>
    public Task Exited => _process.Exited;

    public static CliProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, args);

    /// <summary>Runs the CLI to its end and returns what it printed.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return await process.WaitAsync();
    }

    public async Task<CliResult> WaitAsync()
    {
        var exitCode = await _process.WaitAsync(Timeout);
        return new CliResult(exitCode, _process.Stdout, _process.Stderr);
    }

    /// <summary>SIGKILL, like a power cut: no finally blocks, no flushing, no lease release.</summary>
    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();
}
