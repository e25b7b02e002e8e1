using System.Text.Json.Nodes;
using Automation.Data.RunLog;
using Automation.Engine.RunLog;
using Microsoft.Data.Sqlite;

namespace Automation.Data.Tests.RunLog;

/// <summary>Fills a run log and tampers with it directly in SQLite, the way an attacker with file access would.</summary>
internal static class RunLogTestData
{
    public static RunLogEvent Event(int n, string? businessKey = null) => new()
    {
        Type = RunLogEventTypes.ActivityExecuted,
        Actor = new RunLogActor(RunLogActorKind.User, "alice"),
        Correlation = new RunLogCorrelation { InstanceId = $"inst-{n % 3}", WorkflowId = "referral", WorkflowVersion = 2, BusinessKey = businessKey },
        Outcome = "Done",
        Payload = new JsonObject { ["n"] = n, ["text"] = $"step {n}" },
    };

    public static async Task FillAsync(string database, int count, int checkpointEvery = 10_000)
    {
        await using var log = SqliteRunLog.Open(new SqliteRunLogOptions { DatabasePath = database, CheckpointEvery = checkpointEvery });
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Event(i), CancellationToken.None);
        }
    }

    /// <summary>Runs SQL with the append-only triggers dropped first (they refuse plain edits).</summary>
    public static void Tamper(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER run_log_no_update; DROP TRIGGER run_log_no_delete; " + sql;
        command.ExecuteNonQuery();
    }

    public static string Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
