using System.Text.Json.Nodes;
using Automation.Data.RunLog;
using Automation.Engine.RunLog;
using Microsoft.Data.Sqlite;

namespace Automation.Data.Tests.RunLog;

public sealed class SqliteRunLogTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AppendAsync_ManyConcurrentAppenders_EverySequenceOnceAndChainIntact()
    {
        long[] sequences;
        await using (var log = SqliteRunLog.Open(new SqliteRunLogOptions { DatabasePath = _folder.Database }))
        {
            sequences = await Task.WhenAll(Enumerable.Range(1, 500).Select(i => log.AppendAsync(RunLogTestData.Event(i), CancellationToken.None).AsTask()));
        }

        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), sequences.Order());
        Assert.True(RunLogVerifier.VerifyAll(_folder.Database).IsIntact);
    }

    [Fact]
    public async Task AppendAsync_Completed_RecordIsReadableFromAnotherConnection()
    {
        await using var log = SqliteRunLog.Open(new SqliteRunLogOptions { DatabasePath = _folder.Database });

        var seq = await log.AppendAsync(RunLogTestData.Event(1), CancellationToken.None);

        Assert.Equal("1", RunLogTestData.Scalar(_folder.Database, $"SELECT count(*) FROM run_log WHERE seq = {seq}"));
    }

    [Fact]
    public async Task AppendAsync_CprCredentialsAndPersonalFields_AreMaskedBeforeStoring()
    {
        await using (var log = SqliteRunLog.Open(new SqliteRunLogOptions { DatabasePath = _folder.Database }))
        {
            await log.AppendAsync(new RunLogEvent
            {
                Type = RunLogEventTypes.ActivityExecuted,
                Actor = new RunLogActor(RunLogActorKind.Trigger, "file-drop"),
                Correlation = new RunLogCorrelation { BusinessKey = "0101901234" },
                Payload = new JsonObject
                {
                    ["note"] = "Henvisning for 010190-1234 og 3112851235 modtaget",
                    ["patientName"] = "Jens Hansen",
                    ["password"] = "Hemmeligt-Kodeord1",
                    ["credentialName"] = "system-b",
                    ["fields"] = new JsonObject { ["cpr"] = "2902881234" },
                },
                PersonalKeys = ["patientName"],
            }, CancellationToken.None);
        }

        var row = RunLogTestData.Scalar(_folder.Database, "SELECT business_key || ' ' || payload FROM run_log");

        Assert.DoesNotContain("1234", row, StringComparison.Ordinal);
        Assert.DoesNotContain("1235", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Jens", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Hemmeligt", row, StringComparison.Ordinal);
        Assert.Contains("system-b", row, StringComparison.Ordinal);
        Assert.Contains("Henvisning for ******-****", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_PlainUpdateOrDelete_IsRefusedByTrigger()
    {
        await RunLogTestData.FillAsync(_folder.Database, 3);
        using var connection = new SqliteConnection($"Data Source={_folder.Database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();

        command.CommandText = "UPDATE run_log SET outcome = 'x' WHERE seq = 2";
        var update = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        command.CommandText = "DELETE FROM run_log WHERE seq = 2";
        var delete = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_ContinuesTheChainAndWritesShutdownCheckpoint()
    {
        await RunLogTestData.FillAsync(_folder.Database, 4);
        await RunLogTestData.FillAsync(_folder.Database, 3);

        var checkpoints = RunLogCheckpoints.Read(_folder.Database);

        Assert.Equal([4L, 7L], checkpoints.Select(c => c.Sequence));
        Assert.Equal("OK: 7 records", RunLogVerifier.VerifyAll(_folder.Database).ToString()[..13]);
    }

    [Fact]
    public async Task QueryAsync_FiltersByInstanceAndPages()
    {
        await RunLogTestData.FillAsync(_folder.Database, 12);
        await using var log = SqliteRunLog.Open(new SqliteRunLogOptions { DatabasePath = _folder.Database });

        var first = await log.QueryAsync(new RunLogQuery { InstanceId = "inst-1", Limit = 2 }, CancellationToken.None);
        var next = await log.QueryAsync(new RunLogQuery { InstanceId = "inst-1", Limit = 2, AfterSequence = first[^1].Sequence }, CancellationToken.None);

        Assert.Equal([1L, 4L], first.Select(r => r.Sequence));
        Assert.Equal([7L, 10L], next.Select(r => r.Sequence));
    }
}
