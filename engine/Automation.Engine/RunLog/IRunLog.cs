namespace Automation.Engine.RunLog;

/// <summary>
/// The append-only, hash-chained run log. <see cref="AppendAsync"/> completes only when the record is durable;
/// many callers may append at once (writes are batched). An event's place in the chain is fixed when
/// <see cref="AppendAsync"/> is called, not when it completes: a caller may start several appends in order and then
/// wait for all of them, and they are chained in that order (usually in one durable write).
/// </summary>
public interface IRunLog
{
    /// <summary>Masks, chains and stores <paramref name="runLogEvent"/>; returns its sequence number once it is on disk.</summary>
    ValueTask<long> AppendAsync(RunLogEvent runLogEvent, CancellationToken cancellationToken);
}
