namespace Automation.Connectors.FileDrops;

/// <summary>
/// Runs an instance the file-drop watcher has stored (Running, not yet run). The server hands it to its dispatch
/// workers; the default runs it on the thread pool.
/// </summary>
public interface IFileDropDispatch
{
    ValueTask EnqueueAsync(string instanceId, CancellationToken cancellationToken);
}
