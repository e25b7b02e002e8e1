namespace Automation.Engine.Runtime;

/// <summary>Lease owners are <c>host:pid:random</c>; on the same host a dead pid means the lease can be taken over at once.</summary>
internal static class LeaseOwners
{
    public static bool IsDeadLocalOwner(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 3 || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal) || !int.TryParse(parts[1], out var pid))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            // Another runtime in this very process may still be running it; only lease expiry tells.
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
