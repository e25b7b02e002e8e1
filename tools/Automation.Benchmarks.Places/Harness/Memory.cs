namespace Automation.Benchmarks.Places.Harness;

/// <summary>Peak resident memory from /proc (Linux).</summary>
internal static class Memory
{
    /// <summary>VmHWM of this process in bytes (0 where /proc is not available).</summary>
    public static long PeakBytes() => StatusValue("/proc/self/status", "VmHWM:");

    /// <summary>VmRSS of this process in bytes (0 where /proc is not available).</summary>
    public static long CurrentBytes() => StatusValue("/proc/self/status", "VmRSS:");

    /// <summary>VmHWM of another process (e.g. a PostgreSQL backend) in bytes, 0 when unreadable.</summary>
    public static long PeakBytes(int pid) => StatusValue($"/proc/{pid}/status", "VmHWM:");

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static long StatusValue(string path, string key)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
