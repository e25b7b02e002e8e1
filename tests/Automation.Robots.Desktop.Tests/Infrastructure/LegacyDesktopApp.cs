using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Automation.Robots.Desktop.Tests.Infrastructure;

/// <summary>
/// The legacy patient-administration app (<c>tools/Automation.LegacyDesktop/legacy_pas.py</c>) running in the test
/// session with its own fresh data folder. <see cref="Start"/> returns once the app is on the accessibility bus with
/// its login window. Dispose kills it and deletes the data folder.
/// </summary>
public sealed class LegacyDesktopApp : IDisposable
{
    /// <summary>The user the app accepts unless told otherwise.</summary>
    public const string UserName = "robot";

    /// <summary>The password of <see cref="UserName"/>.</summary>
    public const string Password = "robot-password";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly DesktopSessionFixture _session;
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private Process _process;

    private LegacyDesktopApp(DesktopSessionFixture session, string dataDirectory, string[] arguments)
    {
        _session = session;
        _arguments = arguments;
        DataDirectory = dataDirectory;
        _process = Launch();
    }

    /// <summary>The app's process id (changes on <see cref="Restart"/>).</summary>
    public int Pid => _process.Id;

    /// <summary>The app's data folder (kept across <see cref="Restart"/>).</summary>
    public string DataDirectory { get; }

    /// <summary>The SQLite file the app saves registrations to.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "pas.db");

    /// <summary>Whether the current process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the app printed on stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the app with a fresh data folder and waits until its login window is on the accessibility bus.
    /// Extra <paramref name="arguments"/> go to the app, e.g. <c>--save-delay-ms 2000</c> or <c>--user name:password</c>.
    /// </summary>
    public static LegacyDesktopApp Start(DesktopSessionFixture session, params string[] arguments)
    {
        var data = Path.Combine(Path.GetTempPath(), "legacy-pas-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        return new LegacyDesktopApp(session, data, arguments);
    }

    /// <summary>Kills the app like a power cut (SIGKILL) and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
    }

    /// <summary>Freezes the app (SIGSTOP): it stays on the bus but answers nothing, like a hung application.</summary>
    public void Stop() => Signal("STOP");

    /// <summary>Lets a frozen app run again (SIGCONT).</summary>
    public void Continue() => Signal("CONT");

    /// <summary>Kills the app if it runs and starts it again on the same data folder, waiting for its login window.</summary>
    public void Restart()
    {
        Kill();
        _process.Dispose();
        _process = Launch();
    }

    /// <summary>Every saved registration, read straight from the app's SQLite file, in save order.</summary>
    public IReadOnlyList<LegacyRegistration> ReadRegistrations()
    {
        if (!File.Exists(DatabasePath))
        {
            return [];
        }

        // Pooling off: a pooled handle would keep the file open after the test is done with it.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, referral_id, cpr, name, department, priority, received, note, acute, interpreter, journal_no, saved_at
            FROM registrations ORDER BY id
            """;
        using var reader = command.ExecuteReader();
        var registrations = new List<LegacyRegistration>();
        while (reader.Read())
        {
            registrations.Add(new LegacyRegistration(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                DateOnly.ParseExact(reader.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetString(7),
                reader.GetInt64(8) != 0,
                reader.GetInt64(9) != 0,
                reader.GetString(10),
                reader.GetString(11)));
        }

        return registrations;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // A stopped process ignores nothing but KILL; continue it anyway so no frozen child lingers.
                Signal("CONT");
            }

            Kill();
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the test result matters more.
            }
        }
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(_session.RepositoryRoot, "tools", "Automation.LegacyDesktop", "legacy_pas.py"));
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(DataDirectory);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("NO_AT_BRIDGE");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var preflight = _session.Preflight(process.Id, StartTimeout);
        if (preflight.ExitCode != 0)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit();
            var output = Output;
            process.Dispose();
            throw new InvalidOperationException(
                $"The legacy desktop app (pid {process.Id}) did not show its window on the accessibility bus: {preflight.Error.Trim()} App output: {output.Trim()}");
        }

        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run /bin/kill.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Pid} failed (exit {kill.ExitCode}): is the legacy app still running?");
        }
    }
}
