using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using static Automation.Cli.Tests.Flows;

namespace Automation.Cli.Tests.Recovery;

/// <summary>
/// A real process runs a 20-step workflow against a SQLite file and is killed with SIGKILL while step 10 calls an
/// external system; 'automation resume' must finish it without repeating any completed step.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Steps = 20;
    private const int KilledDuring = 10;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Resume_AfterRunKilledMidStep_FinishesAndRunsEveryCompletedStepExactlyOnce()
    {
        using var server = new StepServer(holdStep: KilledDuring);
        _dir.Write("twenty.json", TwentySteps(server.Url));

        // Act 1: run until step 10's request is in flight, then pull the plug.
        CliResult killed;
        using (var child = CliProcess.Start(_dir.Path, "run", "twenty.json", "--db", "store.db"))
        {
            var first = await Task.WhenAny(server.Held, child.Exited, Task.Delay(TimeSpan.FromSeconds(30)));
            if (first != server.Held)
            {
                child.Kill();
                Assert.Fail($"step {KilledDuring} never called the server; the run said:{Environment.NewLine}{await child.WaitAsync()}");
            }

            child.Kill();
            killed = await child.WaitAsync();
        }

        server.Release();

        // Act 2: recover.
        var resumed = await CliProcess.RunAsync(_dir.Path, "resume", "--db", "store.db");

        // Assert: the instance finished.
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var finished = Assert.Single(resumed.Stdout, l => l.EndsWith(" Finished", StringComparison.Ordinal));
        var instanceId = finished.Split(' ')[0];

        // The external system saw every step once, except the one in flight, which ran again after the crash.
        var expectedCalls = Enumerable.Range(1, Steps).SelectMany(n => n == KilledDuring ? new[] { n, n } : [n]).ToList();
        Assert.Equal(expectedCalls, server.Calls.Order().ToList());

        // Each Log line was written once: steps 1-10 by the killed run, 11-20 by resume.
        var logLines = killed.Stdout.Concat(resumed.Stdout).Where(l => l.StartsWith("step ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, Steps).Select(n => $"step {n}"), logLines);
        Assert.Contains($"step {KilledDuring}", killed.Stdout);
        Assert.DoesNotContain($"step {KilledDuring + 1}", killed.Stdout);

        // The journal holds every activity exactly once, in order, with no gap where the crash was.
        var journal = await ReadJournalAsync(_dir.PathOf("store.db"), instanceId);
        var expectedActivities = new List<string> { "start" };
        for (var n = 1; n <= Steps; n++)
        {
            expectedActivities.Add($"log{n}");
            expectedActivities.Add($"call{n}");
        }

        expectedActivities.Add("end");
        Assert.Equal(expectedActivities, journal.Select(j => j.ActivityId));
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => j.Sequence));
    }

    private static string TwentySteps(string serverUrl)
    {
        var activities = new JsonArray { new JsonObject { ["id"] = "start", ["type"] = "Start" } };
        var connections = new JsonArray();
        var previous = ("start", (string?)null);
        for (var n = 1; n <= Steps; n++)
        {
            activities.Add(new JsonObject { ["id"] = $"log{n}", ["type"] = "Log", ["inputs"] = new JsonObject { ["message"] = $"step {n}" } });
            activities.Add(new JsonObject { ["id"] = $"call{n}", ["type"] = "HttpRequest", ["inputs"] = new JsonObject { ["url"] = $"{serverUrl}step/{n}" } });
            connections.Add(Connect(previous.Item1, $"log{n}", previous.Item2));
            connections.Add(Connect($"log{n}", $"call{n}"));
            previous = ($"call{n}", "200");
        }

        activities.Add(new JsonObject { ["id"] = "end", ["type"] = "End" });
        connections.Add(Connect(previous.Item1, "end", previous.Item2));
        return new JsonObject
        {
            ["id"] = "twenty-steps",
            ["name"] = "Twenty steps",
            ["root"] = new JsonObject { ["activities"] = activities, ["connections"] = connections },
        }.ToJsonString();
    }

    /// <summary>Reads the journal straight from the file, as an auditor's tool would.</summary>
    private static async Task<List<(long Sequence, string ActivityId)>> ReadJournalAsync(string databasePath, string instanceId)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Sequence, ActivityId FROM Journal WHERE InstanceId = $id ORDER BY Sequence";
        command.Parameters.AddWithValue("$id", instanceId);
        var rows = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }
}
