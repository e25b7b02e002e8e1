using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Data.Connections;
using Automation.Engine.Queues;
using Microsoft.Data.Sqlite;

namespace Automation.Data.Queues;

/// <summary>
/// Work queues in the SQLite database file, with the rules of <see cref="WorkQueueTransitions"/>. Every change runs
/// in a BEGIN IMMEDIATE transaction (read the row, apply the rule, write it back), which SQLite serializes across
/// connections and processes: two robots taking at once cannot both get the same item. Within one process a gate
/// lets those transactions queue in memory instead of polling SQLite's busy handler, whose sleeps grow with contention.
/// </summary>
internal sealed class SqliteWorkQueueStore : IWorkQueueStore, IDisposable
{
    private const string Columns =
        "Id, Queue, BusinessKey, Payload, Priority, Deadline, State, InDoubt, LeaseOwner, LeaseExpiresAt, Attempts, NextAttemptAt, CreatedAt, UpdatedAt, Message, Result, History, Resolution";

    private readonly Lazy<string> _connectionString;
    private readonly TimeProvider _clock;
    private readonly WorkQueueOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteWorkQueueStore(Func<AutomationDatabase> database, TimeProvider clock, WorkQueueOptions options)
    {
        // Opening the database creates and migrates the file. The queue activities receive this store when the
        // activity registry is built (even just to validate a definition), so the file is only opened on first use.
        _connectionString = new(() => SqliteConnections.ConnectionString(database().Path, pooling: true));
        _clock = clock;
        _options = options;
    }

    public async Task<WorkQueueAddResult> AddAsync(NewWorkQueueItem item, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var created = WorkQueueTransitions.Create(Guid.CreateVersion7(now).ToString("N"), item, now);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $"INSERT INTO WorkQueueItems ({Columns}) VALUES (@Id, @Queue, @BusinessKey, @Payload, @Priority, @Deadline, @State, @InDoubt, @LeaseOwner, @LeaseExpiresAt, @Attempts, @NextAttemptAt, @CreatedAt, @UpdatedAt, @Message, @Result, @History, @Resolution) ON CONFLICT (Queue, BusinessKey) DO NOTHING";
            Bind(insert, created);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return new WorkQueueAddResult(created, Added: true);
            }
        }

        var existing = await QuerySingleAsync(connection, null, "WHERE Queue = @queue AND BusinessKey = @key", cancellationToken, ("@queue", created.Queue), ("@key", created.BusinessKey));
        return new WorkQueueAddResult(WithExpiry(existing!, now), Added: false);
    }

    public async Task<WorkQueueItem?> TryTakeNextAsync(string queue, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        WorkQueueTransitions.ValidateQueue(queue);
        WorkQueueTransitions.ValidateLease(leaseDuration);
        await using var connection = await OpenAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await TakeNextAsync(connection, queue, owner, leaseDuration, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<WorkQueueItem?> TakeNextAsync(SqliteConnection connection, string queue, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = _clock.GetUtcNow();
        await ExpireLeasesAsync(connection, transaction, now, cancellationToken);
        var next = await QuerySingleAsync(
            connection,
            transaction,
            """
            WHERE Queue = @queue
              AND ((State = 'New' AND (NextAttemptAt IS NULL OR NextAttemptAt <= @now)) OR (State = 'InDoubt' AND Attempts < @max))
            ORDER BY Priority DESC, Deadline IS NULL, Deadline, rowid
            LIMIT 1
            """,
            cancellationToken,
            ("@queue", queue),
            ("@now", now.UtcTicks),
            ("@max", _options.MaxAttemptsFor(queue)));
        if (next is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var taken = WorkQueueTransitions.Take(next, owner, leaseDuration, now);
        await UpdateAsync(connection, transaction, taken, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return taken;
    }

    public Task<WorkQueueItem> HeartbeatAsync(string itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        ChangeAsync(itemId, (item, now) => WorkQueueTransitions.Heartbeat(item, owner, leaseDuration, now), cancellationToken);

    public Task<WorkQueueItem> CompleteAsync(string itemId, string owner, WorkItemOutcome outcome, string? message, JsonNode? result, CancellationToken cancellationToken) =>
        ChangeAsync(itemId, (item, now) => WorkQueueTransitions.Complete(item, owner, outcome, message, result, now, _options), cancellationToken);

    public Task<WorkQueueItem> RetryAsync(string itemId, CancellationToken cancellationToken) =>
        ChangeAsync(itemId, WorkQueueTransitions.Retry, cancellationToken);

    public Task<WorkQueueItem> ResolveAsync(string itemId, string reason, string user, CancellationToken cancellationToken) =>
        ChangeAsync(itemId, (item, now) => WorkQueueTransitions.Resolve(item, reason, user, now), cancellationToken);

    public async Task<WorkQueuePage> ListAsync(string queue, WorkQueueItemState? state, int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExpireLeasesAsync(connection, null, _clock.GetUtcNow(), cancellationToken);
        var filter = state is null ? "WHERE Queue = @queue" : "WHERE Queue = @queue AND State = @state";
        var parameters = new (string, object?)[] { ("@queue", queue), ("@state", state?.ToString()), ("@skip", Math.Max(skip, 0)), ("@take", Math.Max(take, 0)) };
        var items = await QueryAsync(connection, null, filter + " ORDER BY rowid LIMIT @take OFFSET @skip", cancellationToken, parameters);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM WorkQueueItems " + filter;
        AddParameters(count, parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return new WorkQueuePage(items, total);
    }

    public async Task<IReadOnlyList<WorkQueueCounts>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExpireLeasesAsync(connection, null, _clock.GetUtcNow(), cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Queue, State, COUNT(*) FROM WorkQueueItems GROUP BY Queue, State ORDER BY Queue";
        var counts = new Dictionary<string, Dictionary<WorkQueueItemState, int>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var queue = reader.GetString(0);
            if (!counts.TryGetValue(queue, out var states))
            {
                counts[queue] = states = [];
            }

            states[Enum.Parse<WorkQueueItemState>(reader.GetString(1))] = reader.GetInt32(2);
        }

        return counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new WorkQueueCounts(c.Key, c.Value)).ToList();
    }

    public async Task<WorkQueueItem?> GetAsync(string itemId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var item = await QuerySingleAsync(connection, null, "WHERE Id = @id", cancellationToken, ("@id", itemId));
        return item is null ? null : WithExpiry(item, _clock.GetUtcNow());
    }

    private async Task<WorkQueueItem> ChangeAsync(string itemId, Func<WorkQueueItem, DateTimeOffset, WorkQueueItem> change, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            var now = _clock.GetUtcNow();
            var item = await QuerySingleAsync(connection, transaction, "WHERE Id = @id", cancellationToken, ("@id", itemId))
                ?? throw new WorkQueueItemNotFoundException(itemId);
            var changed = change(WithExpiry(item, now), now);
            await UpdateAsync(connection, transaction, changed, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks every item whose lease ran out as in doubt (a robot that died mid-item), in its own transaction unless one is given.</summary>
    private async Task ExpireLeasesAsync(SqliteConnection connection, SqliteTransaction? transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Expired = "WHERE State = 'InProgress' AND LeaseExpiresAt <= @now";
        if (transaction is null)
        {
            // Reads only write when there is something to mark, so listing a quiet queue takes no write lock.
            await using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT EXISTS (SELECT 1 FROM WorkQueueItems " + Expired + ")";
            probe.Parameters.AddWithValue("@now", now.UtcTicks);
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return;
            }

            await _gate.WaitAsync(cancellationToken);
            try
            {
                await using var own = connection.BeginTransaction(deferred: false);
                await ExpireLeasesAsync(connection, own, now, cancellationToken);
                await own.CommitAsync(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }

            return;
        }

        foreach (var item in await QueryAsync(connection, transaction, Expired, cancellationToken, ("@now", now.UtcTicks)))
        {
            await UpdateAsync(connection, transaction, WorkQueueTransitions.Expire(item, now), cancellationToken);
        }
    }

    public void Dispose() => _gate.Dispose();

    private static WorkQueueItem WithExpiry(WorkQueueItem item, DateTimeOffset now) =>
        WorkQueueTransitions.IsExpired(item, now) ? WorkQueueTransitions.Expire(item, now) : item;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString.Value);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteConnections.ApplyAsync(connection, SqliteConnections.ConnectionPragmas, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task UpdateAsync(SqliteConnection connection, SqliteTransaction transaction, WorkQueueItem item, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            UPDATE WorkQueueItems SET State = @State, InDoubt = @InDoubt, LeaseOwner = @LeaseOwner, LeaseExpiresAt = @LeaseExpiresAt,
              Attempts = @Attempts, NextAttemptAt = @NextAttemptAt, UpdatedAt = @UpdatedAt, Message = @Message, Result = @Result,
              History = @History, Resolution = @Resolution
            WHERE Id = @Id
            """;
        Bind(command, item);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<WorkQueueItem?> QuerySingleAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        (await QueryAsync(connection, transaction, where, cancellationToken, parameters)).FirstOrDefault();

    private static async Task<List<WorkQueueItem>> QueryAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM WorkQueueItems {where}";
        AddParameters(command, parameters);
        var items = new List<WorkQueueItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    private static void AddParameters(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    private static void Bind(SqliteCommand command, WorkQueueItem item)
    {
        var p = command.Parameters;
        p.AddWithValue("@Id", item.Id);
        p.AddWithValue("@Queue", item.Queue);
        p.AddWithValue("@BusinessKey", item.BusinessKey);
        p.AddWithValue("@Payload", item.Payload.ToJsonString());
        p.AddWithValue("@Priority", item.Priority);
        p.AddWithValue("@Deadline", Ticks(item.Deadline));
        p.AddWithValue("@State", item.State.ToString());
        p.AddWithValue("@InDoubt", item.InDoubt);
        p.AddWithValue("@LeaseOwner", (object?)item.LeaseOwner ?? DBNull.Value);
        p.AddWithValue("@LeaseExpiresAt", Ticks(item.LeaseExpiresAt));
        p.AddWithValue("@Attempts", item.Attempts);
        p.AddWithValue("@NextAttemptAt", Ticks(item.NextAttemptAt));
        p.AddWithValue("@CreatedAt", item.CreatedAt.UtcTicks);
        p.AddWithValue("@UpdatedAt", item.UpdatedAt.UtcTicks);
        p.AddWithValue("@Message", (object?)item.Message ?? DBNull.Value);
        p.AddWithValue("@Result", (object?)item.Result?.ToJsonString() ?? DBNull.Value);
        p.AddWithValue("@History", JsonSerializer.Serialize(item.History, WorkQueueJson.Options));
        p.AddWithValue("@Resolution", item.Resolution is null ? DBNull.Value : JsonSerializer.Serialize(item.Resolution, WorkQueueJson.Options));
    }

    private static object Ticks(DateTimeOffset? value) => value is { } v ? v.UtcTicks : DBNull.Value;

    private static WorkQueueItem Read(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Queue = r.GetString(1),
        BusinessKey = r.GetString(2),
        Payload = JsonNode.Parse(r.GetString(3)) as JsonObject ?? [],
        Priority = r.GetInt32(4),
        Deadline = Time(r, 5),
        State = Enum.Parse<WorkQueueItemState>(r.GetString(6)),
        InDoubt = r.GetBoolean(7),
        LeaseOwner = r.IsDBNull(8) ? null : r.GetString(8),
        LeaseExpiresAt = Time(r, 9),
        Attempts = r.GetInt32(10),
        NextAttemptAt = Time(r, 11),
        CreatedAt = Time(r, 12)!.Value,
        UpdatedAt = Time(r, 13)!.Value,
        Message = r.IsDBNull(14) ? null : r.GetString(14),
        Result = r.IsDBNull(15) ? null : JsonNode.Parse(r.GetString(15)),
        History = JsonSerializer.Deserialize<List<WorkQueueAttempt>>(r.GetString(16), WorkQueueJson.Options) ?? [],
        Resolution = r.IsDBNull(17) ? null : JsonSerializer.Deserialize<WorkQueueResolution>(r.GetString(17), WorkQueueJson.Options),
    };

    private static DateTimeOffset? Time(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : new DateTimeOffset(r.GetInt64(ordinal), TimeSpan.Zero);
}
