using System.Globalization;

namespace Automation.LoadTest;

/// <summary>Prints the figures as a table a person can compare across runs.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintTable(IEnumerable<PhaseResult> phases)
    {
        Console.WriteLine();
        Console.WriteLine(string.Format(Invariant, "{0,-34} {1,8} {2,9} {3,10} {4,9} {5,9} {6,10} {7,12}", "phase", "calls", "seconds", "calls/s", "p50 ms", "p99 ms", "finished", "CPU ms/call"));
        foreach (var p in phases)
        {
            Console.WriteLine(string.Format(
                Invariant, "{0,-34} {1,8:N0} {2,9:F2} {3,10:F0} {4,9:F2} {5,9:F2} {6,10} {7,12:F2}", p.Name, p.Calls, p.Elapsed.TotalSeconds, p.PerSecond, p.Percentile(50), p.Percentile(99), p.Finished.ToString("N0", Invariant), p.CpuMsPerCall));
        }
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    public static string F(double value, string format = "F2") => value.ToString(format, Invariant);
}
