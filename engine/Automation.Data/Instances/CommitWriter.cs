using System.Threading.Channels;
using Automation.Data.Connections;
using Microsoft.Data.Sqlite;

namespace Automation.Data.Instances;

/// <summary>
/// Group commit: callers queue writes, and one writer task takes everything queued so far and writes it in one
/// SQLite transaction, then completes every caller's task. SQLite allows one writer at a time anyway; batching turns
/// thousands of small transactions a second into a few hundred larger ones. A write is acknowledged only after the
/// COMMIT that holds it returned; if the COMMIT fails, every write in the batch fails.
/// </summary>
internal sealed class CommitWriter : IAsyncDisposable, IDisposable
{
    /// <summary>Upper bound on writes per transaction, so one batch never holds the write lock for long.</summary>
    private const int MaxBatch = 1024;

    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly WriteCommands _commands;
    private readonly Task _loop;
    private int _disposed;

    public CommitWriter(string path)
    {
        // A connection of its own, outside the pool, so the prepared statements stay compiled for the writer's lifetime
        // and disposing closes the file handle.
        _connection = new SqliteConnection(SqliteConnections.ConnectionString(path, pooling: false));
        _connection.Open();
        SqliteConnections.Apply(_connection, SqliteConnections.ConnectionPragmas);
        _commands = new WriteCommands(_connection);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Number of transactions written so far (for diagnostics and tests of batching).</summary>
    public long Transactions { get; private set; }

    public Task<T> EnqueueAsync<T>(WriteOperation<T> operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(CommitWriter), "The SQLite store was disposed; no further commits are accepted.");
        }

        return operation.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Completing the channel lets the loop drain what is queued: every accepted commit is written before closing.
        _queue.Writer.TryComplete();
        await _loop;
        Close();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();

        // The loop runs on the thread pool and never needs this thread, so waiting cannot deadlock.
        _loop.GetAwaiter().GetResult();
        Close();
    }

    private void Close()
    {
        _commands.Dispose();
        _connection.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteOperation>(64);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            try
            {
                WriteBatch(batch);
            }
            catch (Exception ex)
            {
                // Never let the loop die: callers would wait forever. Completing twice is harmless (TrySet...).
                foreach (var operation in batch)
                {
                    operation.Fail(ex);
                }
            }

            batch.Clear();
        }
    }

    /// <summary>
    /// Writes the batch in one transaction. A write that fails (a constraint, a missing row) is taken out and failed
    /// alone, and the others are written again without it, so one bad commit never fails its neighbours and no
    /// savepoint is paid for in the common case.
    /// </summary>
    private void WriteBatch(List<WriteOperation> batch)
    {
        while (batch.Count > 0)
        {
            var failedAt = -1;
            Exception? failure = null;

            // BEGIN IMMEDIATE: take the write lock up front (waiting up to the busy timeout for another process),
            // so no statement inside can fail halfway for lack of it.
            using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                _commands.Use(transaction);
                for (var i = 0; i < batch.Count; i++)
                {
                    try
                    {
                        batch[i].Apply(_commands);
                    }
                    catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
                    {
                        failedAt = i;
                        failure = ex;
                        break;
                    }
                }

                if (failedAt < 0)
                {
                    transaction.Commit();
                    _commands.Use(null);
                    Transactions++;
                    foreach (var operation in batch)
                    {
                        operation.Complete();
                    }

                    return;
                }

                RollBack(transaction);
                _commands.Use(null);
            }

            batch[failedAt].Fail(failure!);
            batch.RemoveAt(failedAt);
        }
    }

    private static void RollBack(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (SqliteException)
        {
            // Some errors (disk full, I/O) make SQLite roll back by itself; there is nothing left to undo.
        }
    }
}
