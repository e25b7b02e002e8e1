namespace Automation.Connectors.FileDrops;

/// <summary>Raised after each pass of the watcher over its folders.</summary>
public sealed class FileDropScanEventArgs(IReadOnlyList<string> waiting) : EventArgs
{
    /// <summary>Files seen in a watched folder that are not complete yet (still growing, recently changed, or held open).</summary>
    public IReadOnlyList<string> Waiting { get; } = waiting;
}
