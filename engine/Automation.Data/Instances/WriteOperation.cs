namespace Automation.Data.Instances;

/// <summary>One write queued for the <see cref="CommitWriter"/>; its task completes only after the transaction holding it committed.</summary>
internal abstract class WriteOperation
{
    /// <summary>Runs inside the batch transaction. May run more than once if the batch is rolled back and retried.</summary>
    public abstract void Apply(WriteCommands commands);

    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

/// <summary>A write with a result, known once the batch is durable.</summary>
internal abstract class WriteOperation<T> : WriteOperation
{
    // Continuations run on the thread pool, not on the writer, so a caller's next activity never delays the next batch.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _done.Task;

    public sealed override void Apply(WriteCommands commands) => _result = Execute(commands);

    public sealed override void Complete() => _done.TrySetResult(_result);

    public sealed override void Fail(Exception exception) => _done.TrySetException(exception);

    protected abstract T Execute(WriteCommands commands);
}
