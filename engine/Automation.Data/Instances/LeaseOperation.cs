namespace Automation.Data.Instances;

/// <summary>
/// Takes an instance's lease with one conditional UPDATE: SQLite runs it under the write lock, so of two processes
/// racing for an expired lease exactly one sees a changed row.
/// </summary>
internal sealed class LeaseOperation(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, string? deadOwner) : WriteOperation<bool>
{
    protected override bool Execute(WriteCommands commands) =>
        commands.TryAcquireLease(instanceId, owner, now.UtcTicks, until.UtcTicks, deadOwner);
}
