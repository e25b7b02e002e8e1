using Automation.Robots.Desktop.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Automation.Robots.Desktop.Tests.Session;

/// <summary>The fixture and the legacy app helper the driver and flow tests build on.</summary>
[Collection(DesktopCollection.Name)]
[Trait("Category", "Desktop")]
public sealed class DesktopTestInfrastructureTests(DesktopSessionFixture session)
{
    [Fact]
    public void Fixture_Session_IsVisibleToThisProcessAndItsChildren()
    {
        Assert.Equal(session.Display, Environment.GetEnvironmentVariable("DISPLAY"));
        Assert.Equal(session.SessionBusAddress, Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
        Assert.Null(Environment.GetEnvironmentVariable("NO_AT_BRIDGE"));
        Assert.True(File.Exists(Path.Combine(session.RepositoryRoot, "Automation.sln")));
    }

    [Fact]
    public void ParseExports_ShellQuotedValues_AreUnescaped()
    {
        const string Printed = @"export DISPLAY=:91; export DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/s/bus\,guid=ab; export AUTOMATION_DESKTOP_SESSION=/tmp/a\ b; unset NO_AT_BRIDGE";

        var exports = DesktopSessionFixture.ParseExports(Printed).ToList();

        Assert.Equal(
            [("DISPLAY", ":91"), ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/tmp/s/bus,guid=ab"), ("AUTOMATION_DESKTOP_SESSION", "/tmp/a b")],
            exports);
    }

    [Fact]
    public void Start_FreshDataFolder_CreatesAnEmptyDatabase()
    {
        using var app = LegacyDesktopApp.Start(session);

        Assert.True(ProcessProbe.IsAlive(app.Pid));
        Assert.Equal(Path.Combine(app.DataDirectory, "pas.db"), app.DatabasePath);
        Assert.True(File.Exists(app.DatabasePath));
        Assert.Empty(app.ReadRegistrations());
    }

    [Fact]
    public void ReadRegistrations_RowInTheAppsTable_ReadsEveryColumn()
    {
        using var app = LegacyDesktopApp.Start(session);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabasePath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO registrations (referral_id, cpr, name, department, priority, received, note, acute, interpreter, journal_no, saved_at)
                VALUES ('H-1', '010190-1234', 'Jens Hansen', 'Neurologi', 'Haster', '2026-11-24', 'Ring først', 1, 0, 'J-000001', '2026-11-26T00:00:00.000+00:00')
                """;
            insert.ExecuteNonQuery();
        }

        var registration = Assert.Single(app.ReadRegistrations());

        Assert.Equal(
            new LegacyRegistration(1, "H-1", "010190-1234", "Jens Hansen", "Neurologi", "Haster", new DateOnly(2026, 11, 24), "Ring først", true, false, "J-000001", "2026-11-26T00:00:00.000+00:00"),
            registration);
    }

    [Fact]
    public void StopAndContinue_RunningApp_FreezesAndResumesIt()
    {
        using var app = LegacyDesktopApp.Start(session);

        app.Stop();
        var stopped = ProcessProbe.WaitUntil(() => ProcessProbe.State(app.Pid) == 'T', TimeSpan.FromSeconds(5));
        app.Continue();
        var resumed = ProcessProbe.WaitUntil(() => ProcessProbe.State(app.Pid) is 'S' or 'R', TimeSpan.FromSeconds(5));

        Assert.True(stopped, "the app should be stopped (state T) after Stop()");
        Assert.True(resumed, "the app should run again after Continue()");
        Assert.Equal(0, session.Preflight(app.Pid, TimeSpan.FromSeconds(5)).ExitCode);
    }

    [Fact]
    public void KillThenRestart_SameDataFolder_NewProcessOnTheBus()
    {
        using var app = LegacyDesktopApp.Start(session);
        var first = app.Pid;

        app.Kill();
        var killed = !ProcessProbe.IsAlive(first) && app.HasExited;
        app.Restart();

        Assert.True(killed, "Kill() should return once the process is gone");
        Assert.NotEqual(first, app.Pid);
        Assert.Equal(0, session.Preflight(app.Pid, TimeSpan.FromSeconds(5)).ExitCode);
        Assert.True(File.Exists(app.DatabasePath));
    }

    [Fact]
    public void Dispose_StoppedApp_EndsItAndRemovesTheDataFolder()
    {
        var app = LegacyDesktopApp.Start(session);
        var pid = app.Pid;
        app.Stop();

        app.Dispose();

        Assert.False(ProcessProbe.IsAlive(pid));
        Assert.False(Directory.Exists(app.DataDirectory));
    }
}
