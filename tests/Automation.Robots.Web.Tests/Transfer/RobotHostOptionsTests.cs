namespace Automation.Robots.Web.Tests.Transfer;

/// <summary>What tools/Automation.RobotHost tells a user who starts it wrongly (no browser is started).</summary>
public sealed class RobotHostOptionsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("robot-host-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RobotHost_NoDatabase_ExitsWithUsageNamingTheOptions()
    {
        using var host = RobotHostProcess.Start(_dir, "--workflow", "referral-transfer.json");

        var exitCode = await host.WaitAsync(Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("--workflow workflows/referral-transfer.json --db data/robot.db", host.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RobotHost_MissingSettingsFile_NamesTheFile()
    {
        using var host = RobotHostProcess.Start(_dir, "--workflow", "w.json", "--db", "robot.db", "--settings", "absent.json");

        var exitCode = await host.WaitAsync(Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("--settings absent.json: file not found", host.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "robot.db")), "a failed start created the database");
    }
}
