namespace Automation.Engine.RunLog;

/// <summary>
/// The append-only, hash-chained run log. <see cref="AppendAsync"/> completes only when the record is durable;
/// many callers may append at once (writes are batched).
/// </summary>
public interface IRunLog
{
    /// <summary>Masks, chains and stores <paramref name="runLogEvent"/>; returns its sequence number once it is on disk.</summary>
    ValueTask<long> AppendAsync(RunLogEvent runLogEvent, CancellationToken cancellationToken);
}
