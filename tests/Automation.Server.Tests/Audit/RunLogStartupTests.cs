using System.Net;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Automation.Server.Tests.Audit;

public sealed class RunLogStartupTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "automation-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Start_TailCutWhileStopped_HealthReadyReportsTruncation()
    {
        using (var first = new ServerFactory(_data))
        {
            // Signing in records events; stopping the server writes the closing checkpoint.
            using var admin = await first.AdminAsync();
        }

        long head;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "automation.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(seq) FROM run_log";
            head = (long)command.ExecuteScalar()!;
            command.CommandText = "DROP TRIGGER run_log_no_delete; DELETE FROM run_log WHERE seq = (SELECT max(seq) FROM run_log);";
            command.ExecuteNonQuery();
        }

        using var second = new ServerFactory(_data);
        using var client = second.CreateClient();
        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains($"BROKEN at sequence {head} (truncated)", body, StringComparison.Ordinal);
    }
}
