using System.Buffers;
using System.Threading.Channels;
using Automation.Engine.RunLog;
using Microsoft.Data.Sqlite;

namespace Automation.Data.RunLog;

/// <summary>
/// The run log in its own table of the SQLite file. One writer task takes whatever appends are waiting (up to
/// <see cref="SqliteRunLogOptions.MaxBatch"/>), chains and inserts them in one transaction with synchronous=FULL,
/// and completes their tasks only after COMMIT returned: nothing is acknowledged before it is on disk.
/// </summary>
public sealed class SqliteRunLog : IRunLog, IRunLogReader, IAsyncDisposable, IDisposable
{
    private static readonly string[] ParameterNames = ["$seq", "$ts", "$ak", "$an", "$inst", "$qi", "$bk", "$wf", "$wv", "$tg", "$type", "$out", "$payload", "$prev", "$hash"];
    private readonly SqliteRunLogOptions _options;
    private readonly TimeProvider _clock;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly Task _writer;
    private long _head;
    private byte[] _headHash;
    private long _checkpointed;

    private SqliteRunLog(SqliteRunLogOptions options, TimeProvider clock, SqliteConnection connection, long head, byte[] headHash)
    {
        _options = options;
        _clock = clock;
        _connection = connection;
        _head = head;
        _headHash = headHash;
        var checkpoints = RunLogCheckpoints.Read(options.DatabasePath);
        _checkpointed = checkpoints.Count > 0 ? checkpoints[^1].Sequence : 0;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Opens (and creates if needed) the run log table in the file named by <paramref name="options"/>.</summary>
    public static SqliteRunLog Open(SqliteRunLogOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = OpenConnection(options.DatabasePath, readOnly: false);
        using (var command = connection.CreateCommand())
        {
            // FULL: in WAL mode NORMAL may lose the last commits on power loss, and an acknowledged event must survive.
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;" + RunLogSchema.Create;
            command.ExecuteNonQuery();
        }

        var (head, hash) = ReadHead(connection);
        return new SqliteRunLog(options, clock ?? TimeProvider.System, connection, head, hash);
    }

    /// <inheritdoc />
    public ValueTask<long> AppendAsync(RunLogEvent runLogEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runLogEvent);

        // Masking and serializing happen on the caller's thread; only the chain itself is sequential.
        var payload = RunLogMasking.MaskPayload(runLogEvent.Payload, runLogEvent.PersonalKeys);
        var c = runLogEvent.Correlation;
        var pending = new Pending(new RunLogRow
        {
            ActorKind = runLogEvent.Actor.Kind.ToString(),
            ActorName = RunLogMasking.MaskText(runLogEvent.Actor.Name) ?? "",
            InstanceId = c.InstanceId,
            QueueItemId = c.QueueItemId,
            BusinessKey = RunLogMasking.MaskText(c.BusinessKey),
            WorkflowId = c.WorkflowId,
            WorkflowVersion = c.WorkflowVersion,
            Target = RunLogMasking.MaskText(c.Target),
            EventType = runLogEvent.Type,
            Outcome = RunLogMasking.MaskText(runLogEvent.Outcome),
            Payload = payload?.ToJsonString(),
        });
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteRunLog), "The run log is closed; events can no longer be appended.");
        }

        return new ValueTask<long>(pending.Done.Task.WaitAsync(cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunLogRecord>> QueryAsync(RunLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = OpenConnection(_options.DatabasePath, readOnly: true);
        await using var command = connection.CreateCommand();
        var where = new List<string> { "seq > $after" };
        command.Parameters.AddWithValue("$after", query.AfterSequence);
        void Filter(string column, string name, object? value)
        {
            if (value is not null)
            {
                where.Add($"{column} = {name}");
                command.Parameters.AddWithValue(name, value);
            }
        }

        Filter("workflow_id", "$wf", query.WorkflowId);
        Filter("target", "$tg", query.Target);
        Filter("actor_name", "$an", query.Actor);
        Filter("business_key", "$bk", query.BusinessKey);
        Filter("instance_id", "$inst", query.InstanceId);
        Filter("outcome", "$out", query.Outcome);
        Filter("event_type", "$type", query.Type);
        if (query.From is { } from)
        {
            where.Add("ts >= $from");
            command.Parameters.AddWithValue("$from", from.UtcTicks);
        }

        if (query.To is { } to)
        {
            where.Add("ts < $to");
            command.Parameters.AddWithValue("$to", to.UtcTicks);
        }

        command.CommandText = $"{RunLogSchema.SelectColumns} WHERE {string.Join(" AND ", where)} ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 10_000));
        var list = new List<RunLogRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ToRecord(RunLogRow.Read(reader)));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<(long Sequence, string Hash)> GetHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenConnection(_options.DatabasePath, readOnly: true);
        var (seq, hash) = ReadHead(connection);
        return (seq, Convert.ToHexStringLower(hash));
    }

    /// <summary>Writes what is queued, a final checkpoint, and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        WriteCheckpoint();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The same as <see cref="DisposeAsync"/>, for hosts that dispose synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal static SqliteConnection OpenConnection(string path, bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
        return connection;
    }

    internal static (long Sequence, byte[] Hash) ReadHead(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, hash FROM run_log ORDER BY seq DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, RunLogRow.ZeroHash);
    }

    internal static RunLogRecord ToRecord(RunLogRow row) => new()
    {
        Sequence = row.Sequence,
        Timestamp = new DateTimeOffset(row.TimestampTicks, TimeSpan.Zero),
        Actor = new RunLogActor(Enum.TryParse<RunLogActorKind>(row.ActorKind, out var kind) ? kind : RunLogActorKind.System, row.ActorName),
        Correlation = new RunLogCorrelation
        {
            InstanceId = row.InstanceId,
            QueueItemId = row.QueueItemId,
            BusinessKey = row.BusinessKey,
            WorkflowId = row.WorkflowId,
            WorkflowVersion = row.WorkflowVersion,
            Target = row.Target,
        },
        Type = row.EventType,
        Outcome = row.Outcome,
        PayloadJson = row.Payload,
        PreviousHash = Convert.ToHexStringLower(row.PreviousHash),
        Hash = Convert.ToHexStringLower(row.Hash),
    };

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_options.MaxBatch);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var insert = _connection.CreateCommand();
        insert.CommandText = RunLogSchema.Insert;
        var p = ParameterNames.Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
        p[0].SqliteType = p[1].SqliteType = p[8].SqliteType = SqliteType.Integer;
        p[13].SqliteType = p[14].SqliteType = SqliteType.Blob;

        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            var head = _head;
            var headHash = _headHash;
            try
            {
                using var transaction = _connection.BeginTransaction();
                insert.Transaction = transaction;
                var ticks = _clock.GetUtcNow().UtcTicks;
                foreach (var pending in batch)
                {
                    var row = pending.Row;
                    row.Sequence = ++head;
                    row.TimestampTicks = ticks;
                    row.PreviousHash = _options.Hashing ? headHash : RunLogRow.ZeroHash;
                    row.Hash = _options.Hashing ? row.ComputeHash(headHash, buffer) : RunLogRow.ZeroHash;
                    headHash = row.Hash;
                    p[0].Value = row.Sequence;
                    p[1].Value = row.TimestampTicks;
                    p[2].Value = row.ActorKind;
                    p[3].Value = row.ActorName;
                    p[4].Value = (object?)row.InstanceId ?? DBNull.Value;
                    p[5].Value = (object?)row.QueueItemId ?? DBNull.Value;
                    p[6].Value = (object?)row.BusinessKey ?? DBNull.Value;
                    p[7].Value = (object?)row.WorkflowId ?? DBNull.Value;
                    p[8].Value = (object?)row.WorkflowVersion ?? DBNull.Value;
                    p[9].Value = (object?)row.Target ?? DBNull.Value;
                    p[10].Value = row.EventType;
                    p[11].Value = (object?)row.Outcome ?? DBNull.Value;
                    p[12].Value = (object?)row.Payload ?? DBNull.Value;
                    p[13].Value = row.PreviousHash;
                    p[14].Value = row.Hash;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing of the batch is stored: the head stays where it was and every caller hears why.
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(new IOException($"The run log at {_options.DatabasePath} could not store the event: {ex.Message}", ex));
                }

                continue;
            }

            _head = head;
            _headHash = headHash;
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(pending.Row.Sequence);
            }

            if (_head - _checkpointed >= _options.CheckpointEvery)
            {
                WriteCheckpoint();
            }
        }
    }

    private void WriteCheckpoint()
    {
        if (_head == 0 || _head == _checkpointed || !_options.Hashing)
        {
            return;
        }

        RunLogCheckpoints.Append(_options.DatabasePath, new RunLogCheckpoint(_head, Convert.ToHexStringLower(_headHash), _clock.GetUtcNow()));
        _checkpointed = _head;
    }

    private sealed class Pending(RunLogRow row)
    {
        public RunLogRow Row { get; } = row;

        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
