namespace Automation.Cli.Commands;

/// <summary>Process exit codes, so scripts can tell a finished run from a waiting or failed one.</summary>
internal static class ExitCodes
{
    /// <summary>The workflow finished (or the file is valid, or every resumed instance went on without a fault).</summary>
    public const int Ok = 0;

    /// <summary>The workflow faulted, or the file, inputs or options are wrong.</summary>
    public const int Failed = 1;

    /// <summary>The workflow waits on a bookmark (a timer beyond <c>--max-wait</c>, a signal, a person).</summary>
    public const int Suspended = 2;
}
