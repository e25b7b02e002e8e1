using Automation.Data.RunLog;

namespace Automation.Data.Tests.RunLog;

public sealed class RunLogFastWalkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TryVerify_IntactLogWithNullsAndUnicode_AgreesWithTheCarefulWalk()
    {
        await RunLogTestData.FillAsync(_folder.Database, 12, checkpointEvery: 5);
        await using (var log = SqliteRunLog.Open(new SqliteRunLogOptions { DatabasePath = _folder.Database }))
        {
            await log.AppendAsync(RunLogTestData.Event(99, businessKey: "Århus-ø-é-✓"), CancellationToken.None);
        }

        var fast = RunLogFastWalk.TryVerify(_folder.Database, RunLogCheckpoints.Read(_folder.Database));

        Assert.NotNull(fast);
        Assert.Equal($"OK: 13 records, head {RunLogTestData.Scalar(_folder.Database, "SELECT lower(hex(hash)) FROM run_log WHERE seq = 13")}", fast.ToString());
    }

    [Fact]
    public async Task TryVerify_EditedRecord_ReturnsNullSoTheCarefulWalkNamesIt()
    {
        await RunLogTestData.FillAsync(_folder.Database, 12);
        RunLogTestData.Tamper(_folder.Database, "UPDATE run_log SET event_type = 'x' WHERE seq = 3");

        var fast = RunLogFastWalk.TryVerify(_folder.Database, RunLogCheckpoints.Read(_folder.Database));

        Assert.Null(fast);
    }
}
