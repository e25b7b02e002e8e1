using System.Globalization;

namespace Automation.Robots.Desktop.Tests.Session;

/// <summary>What <c>/proc</c> says about a process: alive or not, and whether it is stopped.</summary>
internal static class ProcessProbe
{
    /// <summary>The process state letter (R, S, T, Z, ...), or null when there is no such process.</summary>
    public static char? State(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
        return stat[(stat.LastIndexOf(')') + 2)..][0];
    }

    /// <summary>Alive means it exists and is not a zombie (a zombie has already exited).</summary>
    public static bool IsAlive(int pid) => State(pid) is { } state && state != 'Z' && state != 'X';

    /// <summary>Waits until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }
}
