using System.Text.Json.Nodes;
using Automation.Data.RunLog;
using Automation.Engine.RunLog;
using Microsoft.Data.Sqlite;

namespace Automation.Cli.Tests.Audit;

public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AuditVerify_IntactLog_PrintsOkWithCountAndExits0()
    {
        var db = await FillAsync(30);

        var result = await CliProcess.RunAsync(_dir.Path, "audit", "verify", "--db", db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches("^OK: 30 records, head [0-9a-f]{64}$", result.LastLine);
    }

    [Fact]
    public async Task AuditVerify_RecordEditedInSqlite_PrintsSequenceAndKindAndExits1()
    {
        var db = await FillAsync(30);
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER run_log_no_update; UPDATE run_log SET outcome = 'Done' WHERE seq = 17;";
            command.ExecuteNonQuery();
        }

        var result = await CliProcess.RunAsync(_dir.Path, "audit", "verify", "--db", db);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("BROKEN at sequence 17 (changed)", result.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_NoSuchFile_NamesThePathAndExits1()
    {
        var result = await CliProcess.RunAsync(_dir.Path, "audit", "verify", "--db", _dir.PathOf("missing.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.db", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> FillAsync(int count)
    {
        var db = _dir.PathOf("automation.db");
        await using var log = SqliteRunLog.Open(new SqliteRunLogOptions { DatabasePath = db });
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(new RunLogEvent
            {
                Type = RunLogEventTypes.ActivityExecuted,
                Actor = RunLogActor.Engine,
                Outcome = "Ok",
                Payload = new JsonObject { ["i"] = i },
            }, CancellationToken.None);
        }

        return db;
    }
}
