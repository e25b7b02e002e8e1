using Automation.Engine.Runtime;

namespace Automation.Connectors.FileDrops;

/// <summary>Runs a stored instance on the thread pool, for hosts without dispatch workers of their own.</summary>
internal sealed class ThreadPoolFileDropDispatch(WorkflowRuntime runtime) : IFileDropDispatch
{
    public ValueTask EnqueueAsync(string instanceId, CancellationToken cancellationToken)
    {
        // Not tied to the caller's token: the watcher's status check moves the file when the instance ends, whoever ran it.
        _ = Task.Run(() => runtime.RunInstanceAsync(instanceId, CancellationToken.None), CancellationToken.None)
            .ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }
}
