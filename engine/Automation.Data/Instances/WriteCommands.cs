using Microsoft.Data.Sqlite;

namespace Automation.Data.Instances;

/// <summary>
/// The hot write path as prepared statements on the writer's own connection. EF Core's change tracker would cost
/// more per commit than the SQL itself (~6 commits per instance, thousands of instances a second); these statements
/// are compiled once and only rebound. Table and column names are those of <c>AutomationDbContext</c>'s migrations.
/// </summary>
internal sealed class WriteCommands : IDisposable
{
    private const string InstanceColumns = "\"Id\", \"DefinitionId\", \"DefinitionVersion\", \"Status\", \"CorrelationId\", \"ParentInstanceId\", \"CreatedAt\", \"UpdatedAt\", \"FinishedAt\", \"LeaseOwner\", \"LeaseExpiresAt\", \"State\"";

    private readonly SqliteCommand _insertInstance;
    private readonly SqliteCommand _updateInstance;
    private readonly SqliteCommand _insertJournal;
    private readonly SqliteCommand _insertBookmark;
    private readonly SqliteCommand _deleteBookmark;
    private readonly SqliteCommand _acquireLease;
    private readonly SqliteCommand[] _all;

    public WriteCommands(SqliteConnection connection)
    {
        _insertInstance = Create(connection, $"INSERT INTO \"Instances\" ({InstanceColumns}) VALUES ($id, $definitionId, $definitionVersion, $status, $correlationId, $parentInstanceId, $createdAt, $updatedAt, $finishedAt, $leaseOwner, $leaseExpiresAt, $state)");
        Add(_insertInstance, "$id", "$definitionId", "$definitionVersion", "$status", "$correlationId", "$parentInstanceId", "$createdAt", "$updatedAt", "$finishedAt", "$leaseOwner", "$leaseExpiresAt", "$state");

        // Identity columns (definition, correlation, parent, created) are fixed by the first commit and left out here:
        // SQLite rewrites the index entries of every column named in SET, changed or not.
        _updateInstance = Create(connection, """
            UPDATE "Instances" SET "Status" = $status, "UpdatedAt" = $updatedAt, "FinishedAt" = $finishedAt,
                "LeaseOwner" = $leaseOwner, "LeaseExpiresAt" = $leaseExpiresAt, "State" = $state
            WHERE "Id" = $id
            """);
        Add(_updateInstance, "$id", "$status", "$updatedAt", "$finishedAt", "$leaseOwner", "$leaseExpiresAt", "$state");

        _insertJournal = Create(connection, """
            INSERT INTO "Journal" ("InstanceId", "Sequence", "ActivityId", "ActivityType", "StartedAt", "EndedAt", "Outcome", "Inputs", "Outputs", "Log", "Attempts", "Exception")
            VALUES ($instanceId, $sequence, $activityId, $activityType, $startedAt, $endedAt, $outcome, $inputs, $outputs, $log, $attempts, $exception)
            """);
        Add(_insertJournal, "$instanceId", "$sequence", "$activityId", "$activityType", "$startedAt", "$endedAt", "$outcome", "$inputs", "$outputs", "$log", "$attempts", "$exception");

        _insertBookmark = Create(connection, """
            INSERT INTO "Bookmarks" ("Id", "InstanceId", "ActivityId", "Kind", "Key", "DueAt", "Payload", "CreatedAt")
            VALUES ($id, $instanceId, $activityId, $kind, $key, $dueAt, $payload, $createdAt)
            """);
        Add(_insertBookmark, "$id", "$instanceId", "$activityId", "$kind", "$key", "$dueAt", "$payload", "$createdAt");

        _deleteBookmark = Create(connection, "DELETE FROM \"Bookmarks\" WHERE \"Id\" = $id");
        Add(_deleteBookmark, "$id");

        // Free, expired, already ours, or held by an owner the caller knows is dead: the same rule as the in-memory store.
        _acquireLease = Create(connection, """
            UPDATE "Instances" SET "LeaseOwner" = $owner, "LeaseExpiresAt" = $until
            WHERE "Id" = $id AND ("LeaseOwner" IS NULL OR "LeaseOwner" = $owner OR "LeaseExpiresAt" <= $now OR ($deadOwner IS NOT NULL AND "LeaseOwner" = $deadOwner))
            """);
        Add(_acquireLease, "$id", "$owner", "$until", "$now", "$deadOwner");

        _all = [_insertInstance, _updateInstance, _insertJournal, _insertBookmark, _deleteBookmark, _acquireLease];
        foreach (var command in _all)
        {
            command.Prepare();
        }
    }

    /// <summary>Every command must name the connection's current transaction (Microsoft.Data.Sqlite checks it).</summary>
    public void Use(SqliteTransaction? transaction)
    {
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }
    }

    public void WriteInstance(InstanceValues values, bool isNew)
    {
        var command = isNew ? _insertInstance : _updateInstance;
        var p = command.Parameters;
        if (isNew)
        {
            p[0].Value = values.Id;
            p[1].Value = values.DefinitionId;
            p[2].Value = values.DefinitionVersion;
            p[3].Value = values.Status;
            p[4].Value = Db(values.CorrelationId);
            p[5].Value = Db(values.ParentInstanceId);
            p[6].Value = values.CreatedAt;
            p[7].Value = values.UpdatedAt;
            p[8].Value = Db(values.FinishedAt);
            p[9].Value = Db(values.LeaseOwner);
            p[10].Value = Db(values.LeaseExpiresAt);
            p[11].Value = values.State;
        }
        else
        {
            p[0].Value = values.Id;
            p[1].Value = values.Status;
            p[2].Value = values.UpdatedAt;
            p[3].Value = Db(values.FinishedAt);
            p[4].Value = Db(values.LeaseOwner);
            p[5].Value = Db(values.LeaseExpiresAt);
            p[6].Value = values.State;
        }

        int changed;
        try
        {
            changed = command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (isNew && ex.SqliteExtendedErrorCode == 1555 /* SQLITE_CONSTRAINT_PRIMARYKEY */)
        {
            throw new InvalidOperationException($"Instance '{values.Id}' already exists; start it with another instance id, or resume the existing one.", ex);
        }

        if (changed == 0)
        {
            throw new InvalidOperationException($"Instance '{values.Id}' is not stored, so it cannot be updated; its first commit must be marked IsNew.");
        }
    }

    public void InsertJournal(JournalValues values)
    {
        var p = _insertJournal.Parameters;
        p[0].Value = values.InstanceId;
        p[1].Value = values.Sequence;
        p[2].Value = values.ActivityId;
        p[3].Value = values.ActivityType;
        p[4].Value = values.StartedAt;
        p[5].Value = values.EndedAt;
        p[6].Value = values.Outcome;
        p[7].Value = Db(values.Inputs);
        p[8].Value = Db(values.Outputs);
        p[9].Value = Db(values.Log);
        p[10].Value = values.Attempts;
        p[11].Value = Db(values.Exception);
        _insertJournal.ExecuteNonQuery();
    }

    public void InsertBookmark(BookmarkValues values)
    {
        var p = _insertBookmark.Parameters;
        p[0].Value = values.Id;
        p[1].Value = values.InstanceId;
        p[2].Value = values.ActivityId;
        p[3].Value = values.Kind;
        p[4].Value = Db(values.Key);
        p[5].Value = Db(values.DueAt);
        p[6].Value = Db(values.Payload);
        p[7].Value = values.CreatedAt;
        _insertBookmark.ExecuteNonQuery();
    }

    public void DeleteBookmark(string id)
    {
        _deleteBookmark.Parameters[0].Value = id;
        _deleteBookmark.ExecuteNonQuery();
    }

    public bool TryAcquireLease(string instanceId, string owner, long now, long until, string? deadOwner)
    {
        var p = _acquireLease.Parameters;
        p[0].Value = instanceId;
        p[1].Value = owner;
        p[2].Value = until;
        p[3].Value = now;
        p[4].Value = Db(deadOwner);
        return _acquireLease.ExecuteNonQuery() == 1;
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Add(SqliteCommand command, params string[] names)
    {
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    private static object Db(long? value) => value is null ? DBNull.Value : value.Value;
}
