using System.Diagnostics;
using System.Globalization;
using Automation.Robots.Desktop.Tests.Infrastructure;

namespace Automation.Robots.Desktop.Tests.Session;

/// <summary>tools/desktop-session.sh: start, stop, run and preflight, against a real Xvfb and real buses.</summary>
[Collection(DesktopCollection.Name)]
[Trait("Category", "Desktop")]
public sealed class DesktopSessionScriptTests(DesktopSessionFixture session)
{
    private static readonly Dictionary<string, string?> NoSession = new()
    {
        ["DISPLAY"] = null,
        ["DBUS_SESSION_BUS_ADDRESS"] = null,
        ["AUTOMATION_DESKTOP_SESSION"] = null,
        ["XDG_RUNTIME_DIR"] = null,
    };

    [Fact]
    public void Preflight_RunningLegacyApp_PassesNamingItsWindows()
    {
        using var app = LegacyDesktopApp.Start(session);

        var result = session.Preflight(app.Pid, TimeSpan.FromSeconds(5));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"process {app.Pid} is on the accessibility bus", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 window(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Preflight_ProcessWithoutWindow_FailsNamingPidDisplayAndFix()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var result = session.Preflight(sleeper.Id, TimeSpan.FromSeconds(0.5));

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"no application on the accessibility bus belongs to process {sleeper.Id}", result.Error, StringComparison.Ordinal);
            Assert.Contains($"DISPLAY={session.Display}", result.Error, StringComparison.Ordinal);
            Assert.Contains("apt-get install at-spi2-core libatk-adaptor", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Fact]
    public void Preflight_ExitedProcess_FailsSayingItIsNotRunning()
    {
        using var finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        finished.WaitForExit();

        var result = session.Preflight(finished.Id, TimeSpan.FromSeconds(5));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"process {finished.Id} is not running", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Preflight_StoppedApp_FailsSayingItDoesNotAnswer()
    {
        using var app = LegacyDesktopApp.Start(session);
        app.Stop();

        var result = session.Preflight(app.Pid, TimeSpan.FromSeconds(0.5));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"process {app.Pid} registered an application", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not answer", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CommandUsesTheBuses_EverythingIsGoneAfterAndItsExitCodeIsKept()
    {
        // The command wakes the accessibility bus (so the on-demand services run too), then lists the session's processes.
        const string Command = """
            dbus-send --session --print-reply=literal --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null || exit 9
            echo "display $DISPLAY"
            echo "state $AUTOMATION_DESKTOP_SESSION"
            bus=$(cat "$AUTOMATION_DESKTOP_SESSION/dbus.pid")
            printf 'pids %s' "$(cat "$AUTOMATION_DESKTOP_SESSION/xvfb.pid")"
            for f in /proc/[0-9]*/stat; do
              { read -r line < "$f"; } 2>/dev/null || continue
              set -- ${line##*) }
              [ "$4" = "$bus" ] && { f=${f#/proc/}; printf ' %s' "${f%/stat}"; }
            done
            echo
            exit 3
            """;

        var result = session.RunScript(TimeSpan.FromSeconds(60), NoSession, "run", "--", "bash", "-c", Command);

        Assert.Equal(3, result.ExitCode);
        var lines = result.Output.Split('\n');
        var display = Value(lines, "display");
        var state = Value(lines, "state");
        var pids = Value(lines, "pids").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        Assert.True(pids.Count >= 4, $"expected Xvfb, dbus-daemon, at-spi-bus-launcher and its bus, got: {result.Output}");
        Assert.NotEqual(session.Display, display);
        Assert.DoesNotContain(pids, ProcessProbe.IsAlive);
        Assert.False(Directory.Exists(state), $"{state} should be removed");
        Assert.False(File.Exists($"/tmp/.X{display.TrimStart(':')}-lock"), $"the lock of {display} should be gone");
    }

    [Fact]
    public void StartThenStop_EndsWhatStartStarted()
    {
        var started = session.RunScript(TimeSpan.FromSeconds(60), NoSession, "start");
        Assert.Equal(0, started.ExitCode);
        var exports = DesktopSessionFixture.ParseExports(started.Output).ToDictionary(e => e.Name, e => e.Value);
        var state = exports["AUTOMATION_DESKTOP_SESSION"];
        var xvfb = int.Parse(File.ReadAllText(Path.Combine(state, "xvfb.pid")).Trim(), CultureInfo.InvariantCulture);
        var bus = int.Parse(File.ReadAllText(Path.Combine(state, "dbus.pid")).Trim(), CultureInfo.InvariantCulture);
        Assert.StartsWith(":", exports["DISPLAY"], StringComparison.Ordinal);
        Assert.StartsWith("unix:path=" + state, exports["DBUS_SESSION_BUS_ADDRESS"], StringComparison.Ordinal);
        Assert.True(ProcessProbe.IsAlive(xvfb) && ProcessProbe.IsAlive(bus), "Xvfb and dbus-daemon should run after start");

        var stopped = session.RunScript(TimeSpan.FromSeconds(30), new Dictionary<string, string?> { ["AUTOMATION_DESKTOP_SESSION"] = state }, "stop");

        Assert.Equal(0, stopped.ExitCode);
        Assert.False(ProcessProbe.IsAlive(xvfb), "Xvfb should be stopped");
        Assert.False(ProcessProbe.IsAlive(bus), "dbus-daemon should be stopped");
        Assert.False(Directory.Exists(state));
    }

    [Fact]
    public void Stop_WithoutSession_FailsNamingTheVariable()
    {
        var result = session.RunScript(TimeSpan.FromSeconds(10), NoSession, "stop");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("AUTOMATION_DESKTOP_SESSION is not set", result.Error, StringComparison.Ordinal);
    }

    private static string Value(string[] lines, string key) =>
        lines.Single(l => l.StartsWith(key + " ", StringComparison.Ordinal))[(key.Length + 1)..].Trim();
}
