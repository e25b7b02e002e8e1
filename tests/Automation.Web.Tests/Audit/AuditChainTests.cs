using System.Net;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Audit;

/// <summary>A run-log record edited directly in the SQLite file while the server was stopped: the auditor is told.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AuditChainTests(WebAppFixture fixture) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "automation-web-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be open for a moment; the OS cleans the temp folder later.
        }
    }

    [Fact]
    public async Task SearchPage_HeadRecordEditedInSqliteWhileStopped_ShowsTheChainBrokenAtThatSequence()
    {
        // Arrange: a server that records an auditor's creation and sign-in, then stops (writing its closing checkpoint).
        using (var first = new WebAppServer(_data))
        {
            first.Start();
            await first.CreateUserAsync("chain-auditor", mustChangePassword: false, "Auditor");
        }

        // Act 1: someone rewrites the last record's payload in the file, dropping the trigger that refuses it.
        long head;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "automation.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(seq) FROM run_log";
            head = (long)command.ExecuteScalar()!;
            command.CommandText = "DROP TRIGGER run_log_no_update; UPDATE run_log SET payload = '{\"note\":\"rewritten\"}' WHERE seq = $seq;";
            command.Parameters.AddWithValue("$seq", head);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        // Act 2: the server starts again and the auditor opens the audit page.
        using var second = new WebAppServer(_data);
        second.Start();
        await using var app = await fixture.OpenAsync(second.BaseAddress);
        var login = await app.Context.APIRequest.PostAsync("/api/auth/login", new APIRequestContextOptions { DataObject = new { userName = "chain-auditor", password = WebAppServer.UserPassword } });
        Assert.True(login.Ok, await login.TextAsync());
        await app.Page.GotoAsync("/audit");

        // Assert: the panel says broken, at the edited record, changed; /health/ready says the same.
        await Assertions.Expect(app.Page.GetByTestId("chain-state")).ToHaveTextAsync("Brudt");
        await Assertions.Expect(app.Page.GetByTestId("chain-broken-at")).ToHaveTextAsync($"{head} (ændret)");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("audit-chain-broken");
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains($"BROKEN at sequence {head} (changed)", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
