using Automation.Data.RunLog;

namespace Automation.Data.Tests.RunLog;

public sealed class RunLogVerifierTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task VerifyAll_IntactLog_ReportsCountAndHead()
    {
        await RunLogTestData.FillAsync(_folder.Database, 20);
        var head = RunLogTestData.Scalar(_folder.Database, "SELECT lower(hex(hash)) FROM run_log WHERE seq = 20");

        var result = RunLogVerifier.VerifyAll(_folder.Database);

        Assert.Equal($"OK: 20 records, head {head}", result.ToString());
    }

    [Fact]
    public async Task VerifyAll_PayloadEditedInSqlite_ReportsChangedAtThatSequence()
    {
        await RunLogTestData.FillAsync(_folder.Database, 20);
        RunLogTestData.Tamper(_folder.Database, """UPDATE run_log SET payload = '{"n":7,"text":"nothing happened"}' WHERE seq = 7""");

        var result = RunLogVerifier.VerifyAll(_folder.Database);

        Assert.Equal((7L, RunLogBreakKind.Changed), (result.BrokenSequence, result.Kind));
        Assert.StartsWith("BROKEN at sequence 7 (changed)", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAll_RecordDeleted_ReportsDeletedAtThatSequence()
    {
        await RunLogTestData.FillAsync(_folder.Database, 20);
        RunLogTestData.Tamper(_folder.Database, "DELETE FROM run_log WHERE seq = 12");

        var result = RunLogVerifier.VerifyAll(_folder.Database);

        Assert.Equal((12L, RunLogBreakKind.Deleted), (result.BrokenSequence, result.Kind));
    }

    [Fact]
    public async Task VerifyAll_DeletedAndRenumbered_ReportsTheBreak()
    {
        await RunLogTestData.FillAsync(_folder.Database, 20);
        // A careful attacker closes the gap so no sequence number is missing.
        RunLogTestData.Tamper(_folder.Database, "DELETE FROM run_log WHERE seq = 12; UPDATE run_log SET seq = seq - 1 WHERE seq > 12;");

        var result = RunLogVerifier.VerifyAll(_folder.Database);

        Assert.Equal(12L, result.BrokenSequence);
        Assert.False(result.IsIntact);
    }

    [Fact]
    public async Task VerifyAll_TwoRecordsSwapped_ReportsReorderedAtTheFirst()
    {
        await RunLogTestData.FillAsync(_folder.Database, 20);
        RunLogTestData.Tamper(_folder.Database, "UPDATE run_log SET seq = -1 WHERE seq = 5; UPDATE run_log SET seq = 5 WHERE seq = 9; UPDATE run_log SET seq = 9 WHERE seq = -1;");

        var result = RunLogVerifier.VerifyAll(_folder.Database);

        Assert.Equal((5L, RunLogBreakKind.Reordered), (result.BrokenSequence, result.Kind));
    }

    [Fact]
    public async Task VerifyAll_TailCutAfterCheckpoint_ReportsTruncatedAtFirstMissing()
    {
        await RunLogTestData.FillAsync(_folder.Database, 25, checkpointEvery: 10);
        RunLogTestData.Tamper(_folder.Database, "DELETE FROM run_log WHERE seq > 20");

        var result = RunLogVerifier.VerifyAll(_folder.Database);

        Assert.Equal((21L, RunLogBreakKind.Truncated), (result.BrokenSequence, result.Kind));
    }

    [Fact]
    public async Task VerifyTail_TailCutAfterCheckpoint_ReportsTruncated()
    {
        await RunLogTestData.FillAsync(_folder.Database, 25, checkpointEvery: 10);
        RunLogTestData.Tamper(_folder.Database, "DELETE FROM run_log WHERE seq > 22");

        var result = RunLogVerifier.VerifyTail(_folder.Database);

        Assert.Equal((23L, RunLogBreakKind.Truncated), (result.BrokenSequence, result.Kind));
    }

    [Fact]
    public async Task VerifyTail_EditAfterLastCheckpoint_ReportsChanged()
    {
        await RunLogTestData.FillAsync(_folder.Database, 20, checkpointEvery: 10);
        // As after a crash: the last checkpoint (the one written on shutdown) never reached the file.
        var checkpointFile = _folder.Database + ".runlog-checkpoints";
        File.WriteAllLines(checkpointFile, File.ReadAllLines(checkpointFile)[..^1]);
        RunLogTestData.Tamper(_folder.Database, "UPDATE run_log SET actor_name = 'mallory' WHERE seq = 18");

        var result = RunLogVerifier.VerifyTail(_folder.Database);

        Assert.Equal((18L, RunLogBreakKind.Changed), (result.BrokenSequence, result.Kind));
    }

    [Fact]
    public async Task VerifyTail_RecordAtTheLastCheckpointEdited_ReportsChangedAtIt()
    {
        // The shutdown checkpoint names the head; its stored hash is untouched, only the content is rewritten.
        await RunLogTestData.FillAsync(_folder.Database, 20, checkpointEvery: 10);
        var checkpointed = long.Parse(File.ReadAllLines(_folder.Database + ".runlog-checkpoints")[^1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        RunLogTestData.Tamper(_folder.Database, $"UPDATE run_log SET payload = '{{\"n\":0}}' WHERE seq = {checkpointed}");

        var result = RunLogVerifier.VerifyTail(_folder.Database);

        Assert.Equal((checkpointed, RunLogBreakKind.Changed), (result.BrokenSequence, result.Kind));
    }

    [Fact]
    public async Task VerifyAll_WholeChainRewrittenAfterEdit_CheckpointStillCatchesIt()
    {
        await RunLogTestData.FillAsync(_folder.Database, 20, checkpointEvery: 10);
        // Rewriting every hash is impossible for SQL alone, so the attacker instead replaces the log with a fresh,
        // self-consistent one: only the checkpoint file remembers the original.
        RunLogTestData.Tamper(_folder.Database, "DROP TABLE run_log");
        File.Move(_folder.Database + ".runlog-checkpoints", _folder.Database + ".saved");
        await RunLogTestData.FillAsync(_folder.Database, 20, checkpointEvery: 1_000_000);
        File.Delete(_folder.Database + ".runlog-checkpoints");
        File.Move(_folder.Database + ".saved", _folder.Database + ".runlog-checkpoints");

        var result = RunLogVerifier.VerifyAll(_folder.Database);

        Assert.Equal((10L, RunLogBreakKind.Changed), (result.BrokenSequence, result.Kind));
    }
}
