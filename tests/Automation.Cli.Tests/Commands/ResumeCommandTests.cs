using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Automation.Cli.Tests.Flows;

namespace Automation.Cli.Tests.Commands;

public sealed class ResumeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Resume_TimerThatRunLeftSuspended_FinishesOnceDue()
    {
        var file = _dir.Write("later.json", Sequential(
            "later",
            [
                ("wait", "Delay", new JsonObject { ["duration"] = "PT0.5S" }),
                ("after", "Log", new JsonObject { ["message"] = "after the delay" }),
            ]));
        var run = await CliProcess.RunAsync(_dir.Path, "run", file, "--db", "store.db", "--max-wait", "0s");
        Assert.True(run.ExitCode == 2, run.ToString());
        var due = DateTimeOffset.Parse(Regex.Match(run.Stderr, @"due=(\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var wait = due - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var resumed = await CliProcess.RunAsync(_dir.Path, "resume", "--db", "store.db");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("after the delay", resumed.Stdout);
        Assert.Contains(resumed.Stdout, l => l.EndsWith(" Finished", StringComparison.Ordinal));
        Assert.Equal("Resumed 1 instance: 1 finished, 0 suspended, 0 faulted.", resumed.LastLine);
    }

    [Fact]
    public async Task Resume_NothingInterrupted_SaysSoAndExits0()
    {
        var file = _dir.Write("quick.json", Sequential("quick", [("hello", "Log", new JsonObject { ["message"] = "hi" })]));
        var run = await CliProcess.RunAsync(_dir.Path, "run", file, "--db", "store.db");
        Assert.True(run.ExitCode == 0, run.ToString());

        var resumed = await CliProcess.RunAsync(_dir.Path, "resume", "--db", "store.db");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(["Nothing to resume: no interrupted instances and no due timers."], resumed.Stdout);
    }

    [Fact]
    public async Task Resume_MissingDatabase_Exits1NamingTheFile()
    {
        var result = await CliProcess.RunAsync(_dir.Path, "resume", "--db", "absent.db");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("absent.db", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.PathOf("absent.db")), "resume must not create an empty database");
    }
}
