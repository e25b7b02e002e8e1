using System.Text.Json;
using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;

namespace Automation.Data.Instances;

/// <summary>
/// An <see cref="InstanceCommit"/> turned into column values on the caller's thread: the runtime mutates the instance
/// as soon as the commit returns, so nothing here may refer back to it, and serializing in parallel keeps the single
/// writer free for SQL.
/// </summary>
internal sealed class CommitOperation : WriteOperation<bool>
{
    private readonly bool _isNew;
    private readonly InstanceValues _instance;
    private readonly JournalValues? _journal;
    private readonly BookmarkValues[] _added;
    private readonly IReadOnlyList<string> _removed;

    public CommitOperation(InstanceCommit commit)
    {
        _isNew = commit.IsNew;
        _instance = InstanceValues.From(commit.Instance);
        _journal = commit.Journal is { } entry ? JournalValues.From(entry) : null;
        _added = commit.AddedBookmarks.Count == 0 ? [] : commit.AddedBookmarks.Select(BookmarkValues.From).ToArray();
        _removed = commit.RemovedBookmarkIds.Count == 0 ? [] : commit.RemovedBookmarkIds.ToArray();
    }

    protected override bool Execute(WriteCommands commands)
    {
        commands.WriteInstance(_instance, _isNew);
        if (_journal is not null)
        {
            commands.InsertJournal(_journal);
        }

        foreach (var id in _removed)
        {
            commands.DeleteBookmark(id);
        }

        foreach (var bookmark in _added)
        {
            commands.InsertBookmark(bookmark);
        }

        return true;
    }
}

internal sealed record InstanceValues(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    string Status,
    string? CorrelationId,
    string? ParentInstanceId,
    long CreatedAt,
    long UpdatedAt,
    long? FinishedAt,
    string? LeaseOwner,
    long? LeaseExpiresAt,
    string State)
{
    public static InstanceValues From(WorkflowInstance instance) => new(
        instance.Id,
        instance.DefinitionId,
        instance.DefinitionVersion,
        instance.Status.ToString(),
        instance.CorrelationId,
        instance.ParentInstanceId,
        instance.CreatedAt.UtcTicks,
        instance.UpdatedAt.UtcTicks,
        instance.FinishedAt?.UtcTicks,
        instance.LeaseOwner,
        instance.LeaseExpiresAt?.UtcTicks,
        JsonSerializer.Serialize(instance.State, WorkflowJson.Compact));
}

internal sealed record JournalValues(
    string InstanceId,
    long Sequence,
    string ActivityId,
    string ActivityType,
    long StartedAt,
    long EndedAt,
    string Outcome,
    string? Inputs,
    string? Outputs,
    string? Log,
    int Attempts,
    string? Exception)
{
    public static JournalValues From(JournalEntry entry) => new(
        entry.InstanceId,
        entry.Sequence,
        entry.ActivityId,
        entry.ActivityType,
        entry.StartedAt.UtcTicks,
        entry.EndedAt.UtcTicks,
        entry.Outcome,
        entry.Inputs?.ToJsonString(WorkflowJson.Compact),
        entry.Outputs?.ToJsonString(WorkflowJson.Compact),
        entry.Log is null ? null : JsonSerializer.Serialize(entry.Log, WorkflowJson.Compact),
        entry.Attempts,
        entry.Exception);
}

internal sealed record BookmarkValues(
    string Id,
    string InstanceId,
    string ActivityId,
    string Kind,
    string? Key,
    long? DueAt,
    string? Payload,
    long CreatedAt)
{
    public static BookmarkValues From(Bookmark bookmark) => new(
        bookmark.Id,
        bookmark.InstanceId,
        bookmark.ActivityId,
        bookmark.Kind,
        bookmark.Key,
        bookmark.DueAt?.UtcTicks,
        bookmark.Payload?.ToJsonString(WorkflowJson.Compact),
        bookmark.CreatedAt.UtcTicks);
}
