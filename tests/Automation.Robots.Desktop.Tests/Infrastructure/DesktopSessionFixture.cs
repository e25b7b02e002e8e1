using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Automation.Robots.Desktop.Tests.Infrastructure;

/// <summary>
/// The headless desktop session the desktop tests run in. When <c>DISPLAY</c> and <c>DBUS_SESSION_BUS_ADDRESS</c> are
/// already set (e.g. under <c>tools/desktop-session.sh run --</c>) that session is used; otherwise one is started with
/// <c>tools/desktop-session.sh start</c> and stopped on dispose. A started session's variables are set on this test
/// process too, so the driver and every child process (apps, pyatspi) find the same display and buses without
/// being told.
/// </summary>
public sealed class DesktopSessionFixture : IDisposable
{
    private static readonly string[] SessionVariables =
        ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "AUTOMATION_DESKTOP_SESSION", "XDG_RUNTIME_DIR", "NO_AT_BRIDGE", "AT_SPI_BUS_ADDRESS"];

    private readonly Dictionary<string, string?> _previous = [];

    public DesktopSessionFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        ScriptPath = Path.Combine(RepositoryRoot, "tools", "desktop-session.sh");
        var display = Environment.GetEnvironmentVariable("DISPLAY");
        var bus = Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        if (!string.IsNullOrEmpty(display) && !string.IsNullOrEmpty(bus))
        {
            Display = display;
            SessionBusAddress = bus;
            return;
        }

        foreach (var name in SessionVariables)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
        }

        var started = RunScript(TimeSpan.FromSeconds(60), "start");
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not start a headless desktop session with {ScriptPath} start (exit {started.ExitCode}): {started.Error.Trim()} " +
                "Install the packages with: apt-get install xvfb dbus at-spi2-core libatk-adaptor python3-gi gir1.2-gtk-3.0");
        }

        // GTK only loads its accessibility bridge without NO_AT_BRIDGE; a stale AT_SPI_BUS_ADDRESS would point at another session.
        Environment.SetEnvironmentVariable("NO_AT_BRIDGE", null);
        Environment.SetEnvironmentVariable("AT_SPI_BUS_ADDRESS", null);
        foreach (var (name, value) in ParseExports(started.Output))
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        StateDirectory = Environment.GetEnvironmentVariable("AUTOMATION_DESKTOP_SESSION")
            ?? throw new InvalidOperationException($"{ScriptPath} start printed no AUTOMATION_DESKTOP_SESSION: {started.Output}");
        Display = Environment.GetEnvironmentVariable("DISPLAY")!;
        SessionBusAddress = Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")!;
    }

    /// <summary>The folder holding <c>Automation.sln</c>.</summary>
    public string RepositoryRoot { get; }

    /// <summary>Full path of <c>tools/desktop-session.sh</c>.</summary>
    public string ScriptPath { get; }

    /// <summary>The X display, e.g. <c>:90</c>.</summary>
    public string Display { get; }

    /// <summary>The session bus the accessibility bus is found through.</summary>
    public string SessionBusAddress { get; }

    /// <summary>The session's state folder when this fixture started it; null when it uses a session it was given.</summary>
    public string? StateDirectory { get; }

    /// <summary>Whether this fixture started the session (and stops it on dispose).</summary>
    public bool OwnsSession => StateDirectory is not null;

    /// <summary>
    /// Runs <c>desktop-session.sh preflight --pid</c>: passes when the process registered an application with at least
    /// one window on the accessibility bus within <paramref name="timeout"/>.
    /// </summary>
    public ScriptResult Preflight(int pid, TimeSpan timeout) =>
        RunScript(timeout + TimeSpan.FromSeconds(30), "preflight", "--pid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--timeout", timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Runs the session script with this process's environment (which holds the session's variables).</summary>
    public ScriptResult RunScript(TimeSpan timeout, params string[] arguments) =>
        RunScript(timeout, new Dictionary<string, string?>(), arguments);

    /// <summary>Runs the session script with this process's environment changed by <paramref name="environment"/> (null removes a variable).</summary>
    public ScriptResult RunScript(TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.ArgumentList.Add(ScriptPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {ScriptPath}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{ScriptPath} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit();
        return new ScriptResult(process.ExitCode, output.Result, error.Result);
    }

    public void Dispose()
    {
        if (!OwnsSession)
        {
            return;
        }

        var stopped = RunScript(TimeSpan.FromSeconds(30), "stop");
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        if (stopped.ExitCode != 0)
        {
            throw new InvalidOperationException($"{ScriptPath} stop failed (exit {stopped.ExitCode}): {stopped.Error.Trim()}");
        }
    }

    /// <summary>
    /// Walks up from the test binaries, then from this source file (binaries built with <c>--artifacts-path</c> live
    /// outside the repository), to the folder holding <c>Automation.sln</c>.
    /// </summary>
    public static string FindRepositoryRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" }.Where(s => s.Length > 0))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Automation.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No Automation.sln above {AppContext.BaseDirectory} or {source}; run the tests from the repository.");
    }

    /// <summary>Reads <c>export NAME=value;</c> statements as printed by bash's <c>printf %q</c> (backslash escapes).</summary>
    internal static IEnumerable<(string Name, string Value)> ParseExports(string text)
    {
        const string Keyword = "export ";
        var index = 0;
        while ((index = text.IndexOf(Keyword, index, StringComparison.Ordinal)) >= 0)
        {
            index += Keyword.Length;
            var equals = text.IndexOf('=', index);
            if (equals < 0)
            {
                yield break;
            }

            var name = text[index..equals];
            var value = new StringBuilder();
            var position = equals + 1;
            for (; position < text.Length && text[position] is not ';' and not '\n'; position++)
            {
                if (text[position] == '\\' && position + 1 < text.Length)
                {
                    position++;
                }

                value.Append(text[position]);
            }

            index = position;
            yield return (name, value.ToString());
        }
    }
}

/// <summary>What a run of <c>desktop-session.sh</c> printed and returned.</summary>
public sealed record ScriptResult(int ExitCode, string Output, string Error);
