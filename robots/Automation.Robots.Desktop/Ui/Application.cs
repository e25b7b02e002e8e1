using System.Diagnostics;
using System.Globalization;
using Automation.Robots.Desktop.AtSpi;
using Automation.Robots.Targets;

namespace Automation.Robots.Desktop.Ui;

/// <summary>
/// A desktop application process (FlaUI's <c>Application</c>): launched or attached by process id or name. Its
/// user interface is found on the accessibility bus by process id, waiting while it registers (asynchronously).
/// </summary>
public sealed class Application : IDisposable
{
    private readonly Process _process;

    private Application(Process process, bool launched, string name)
    {
        _process = process;
        IsLaunched = launched;
        Name = name;
    }

    public int ProcessId => _process.Id;

    /// <summary>The program's name as messages show it.</summary>
    public string Name { get; }

    /// <summary>Whether this robot started the process (and so stops it when done).</summary>
    public bool IsLaunched { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>How messages name the application, for example <c>application 'legacy_pas.py' (pid 42)</c>.</summary>
    public string Description => $"application '{Name}' (pid {ProcessId.ToString(CultureInfo.InvariantCulture)})";

    public static Application Launch(string executable, params string[] arguments)
    {
        var description = new ApplicationDescription { Executable = executable };
        foreach (var argument in arguments)
        {
            description.Arguments.Add(argument);
        }

        return Launch(description);
    }

    /// <summary>Starts the program; its accessibility bridge registers on the bus shortly after.</summary>
    public static Application Launch(ApplicationDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (string.IsNullOrWhiteSpace(description.Executable))
        {
            throw new RobotException("The desktop application has no executable; set Application:Executable (for example /usr/bin/python3) on the target system.");
        }

        var start = new ProcessStartInfo(description.Executable)
        {
            UseShellExecute = false,
            WorkingDirectory = description.WorkingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in description.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in description.Environment)
        {
            start.Environment[variable] = value;
        }

        // The toolkit must load its accessibility bridge.
        start.Environment.Remove("NO_AT_BRIDGE");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new RobotException($"'{description.Executable}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new RobotException($"The desktop application '{description.Executable}' could not be started: {ex.Message}. Check Application:Executable and WorkingDirectory.", ex);
        }

        // Unread pipes would fill and block the application.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var name = description.Arguments.Count > 0 && Path.GetFileName(description.Executable).StartsWith("python", StringComparison.Ordinal)
            ? Path.GetFileName(description.Arguments[0])
            : Path.GetFileName(description.Executable);
        return new Application(process, launched: true, name);
    }

    public static Application Attach(int processId)
    {
        try
        {
            var process = Process.GetProcessById(processId);
            return new Application(process, launched: false, ProgramName(processId) ?? process.ProcessName);
        }
        catch (ArgumentException ex)
        {
            throw new RobotException($"There is no process {processId.ToString(CultureInfo.InvariantCulture)} to attach to; start the application first or check the pid.", ex);
        }
    }

    /// <summary>Attaches to the one running process with this name (or a pid given as text).</summary>
    public static Application Attach(string processName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processName);
        if (int.TryParse(processName, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return Attach(pid);
        }

        var processes = Process.GetProcessesByName(processName);
        if (processes.Length == 0)
        {
            // Scripts run by an interpreter carry the script's name in the command line only.
            processes = [.. Process.GetProcesses().Where(p => CommandLineMentions(p.Id, processName))];
        }

        return processes.Length switch
        {
            1 => new Application(processes[0], launched: false, ProgramName(processes[0].Id) ?? processName),
            0 => throw new RobotException($"No running process is called '{processName}'; start the application or set Application:AttachTo to its process name or pid."),
            _ => throw new RobotException($"{processes.Length} processes are called '{processName}' (pids {string.Join(", ", processes.Select(p => p.Id))}); attach by pid instead."),
        };
    }

    /// <summary>The application's root element, waiting up to <paramref name="timeout"/> for it to register.</summary>
    public async Task<AutomationElement> GetApplicationElementAsync(AutomationBase automation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(automation);
        var root = await Retry.WhileNullAsync(ct =>
        {
            if (_process.HasExited)
            {
                throw new RobotException($"The {Description} exited (code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}) before it showed a window.");
            }

            return automation.GetApplicationElementAsync(ProcessId, ct);
        }, timeout, cancellationToken) ?? throw new RobotException(
            $"The {Description} did not register on the accessibility bus within {AtSpiBus.Seconds(timeout)} s. Check that it is a GTK/Qt application, that NO_AT_BRIDGE is unset and that it runs in the robot's desktop session (DISPLAY, DBUS_SESSION_BUS_ADDRESS).");
        automation.NameApplication(root, "The " + Description);
        return root;
    }

    /// <summary>The application's showing top-level windows, in the order the application lists them.</summary>
    public async Task<IReadOnlyList<AutomationElement>> GetAllTopLevelWindowsAsync(AutomationBase automation, CancellationToken cancellationToken)
    {
        var root = await GetApplicationElementAsync(automation, TimeSpan.Zero, cancellationToken);
        return await ShowingWindowsAsync(root, cancellationToken);
    }

    /// <summary>The first showing top-level window, waiting up to <paramref name="timeout"/> for one.</summary>
    public async Task<AutomationElement> GetMainWindowAsync(AutomationBase automation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var root = await GetApplicationElementAsync(automation, timeout, cancellationToken);
        return await Retry.WhileNullAsync(async ct => await ShowingWindowsAsync(root, ct) is [var first, ..] ? first : null, timeout, cancellationToken)
            ?? throw new RobotException($"The {Description} shows no window (waited {AtSpiBus.Seconds(timeout)} s).");
    }

    /// <summary>Ends the process if this robot started it.</summary>
    public void Close()
    {
        if (IsLaunched && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    public void Dispose() => _process.Dispose();

    internal static async Task<IReadOnlyList<AutomationElement>> ShowingWindowsAsync(AutomationElement root, CancellationToken cancellationToken)
    {
        var windows = await root.GetChildrenAsync(cancellationToken);
        var states = await Task.WhenAll(windows.Select(w => w.GetStatesAsync(cancellationToken)));
        return [.. windows.Where((_, i) => states[i].Contains(AtSpiState.Showing) || states[i].Contains(AtSpiState.Visible))];
    }

    /// <summary>The program a process runs: for an interpreter (python3 app.py) the script's file name.</summary>
    private static string? ProgramName(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            if (arguments.Length == 0)
            {
                return null;
            }

            var program = Path.GetFileName(arguments[0]);
            string[] interpreters = ["python", "perl", "ruby", "node", "java", "bash", "sh", "mono", "dotnet"];
            if (interpreters.Any(i => program.StartsWith(i, StringComparison.Ordinal)))
            {
                var script = arguments.Skip(1).FirstOrDefault(a => !a.StartsWith('-'));
                return script is null ? program : Path.GetFileName(script);
            }

            return program;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool CommandLineMentions(int pid, string name)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Split('\0');
            return arguments.Take(3).Any(a => Path.GetFileName(a) == name);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
