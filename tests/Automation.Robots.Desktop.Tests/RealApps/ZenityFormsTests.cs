using System.Diagnostics;
using System.Text.Json.Nodes;
using Automation.Robots.Desktop.Hosting;
using Automation.Robots.Desktop.Tests.Infrastructure;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Desktop.Tests.RealApps;

/// <summary>
/// Debian's zenity (GTK 3, written by nobody here) driven through a desktop robot session, to show the driver is not
/// tuned to our own app: its form labels have no label relations, so every field is found by its position right of
/// its label, and its answer is what zenity prints when OK is pressed.
/// </summary>
[Trait("Category", "Desktop")]
[Collection(DesktopCollection.Name)]
public sealed class ZenityFormsTests(DesktopSessionFixture session)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ZenityForms_FilledThroughTheSession_PrintsTheValuesOnOk()
    {
        using var program = Zenity.Start(
            session,
            "--forms", "--title=Henvisning", "--text=Ny patient", "--separator=|",
            "--add-entry=Fornavn", "--add-entry=Efternavn", "--add-combo=Afdeling", "--combo-values=Kardiologi|Neurologi|Onkologi");
        var zenity = program.Process;
        var stdout = zenity.StandardOutput.ReadToEndAsync();
        await using var services = new ServiceCollection().AddDesktopRobotDriver().BuildServiceProvider();
        var driver = services.GetServices<IRobotDriver>().Single(d => d.Kind == "desktop");
        var target = new TargetSystem { Name = "zenity", Kind = "desktop", Application = new ApplicationDescription { AttachTo = zenity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

        await using (var robot = await driver.OpenAsync(target, credential: null, Timeout, CancellationToken.None))
        {
            await robot.FillAsync(Select("""[{"role": "text", "rightOf": "Fornavn"}]"""), "Ærø-Marie", Timeout, CancellationToken.None);
            await robot.FillAsync(Select("""[{"role": "text", "rightOf": "Efternavn"}]"""), "Østergaard", Timeout, CancellationToken.None);
            await robot.SelectAsync(Select("""[{"role": "combobox", "rightOf": "Afdeling"}]"""), "Neurologi", OptionMatch.Label, Timeout, CancellationToken.None);
            Assert.Equal("Østergaard", (await robot.ReadTextAsync(Select("""[{"role": "text", "rightOf": "Efternavn"}]"""), Timeout, CancellationToken.None)).Value);
            await robot.ClickAsync(Select("""[{"role": "button", "name": "OK"}]"""), Timeout, CancellationToken.None);
        }

        Assert.True(zenity.WaitForExit(Timeout), "zenity did not close after OK");
        Assert.Equal(0, zenity.ExitCode);
        Assert.Equal("Ærø-Marie|Østergaard|Neurologi", (await stdout).Trim());
    }

    [Fact]
    public async Task ZenityForms_LabelWithoutField_FailsNamingTheLabel()
    {
        using var program = Zenity.Start(session, "--forms", "--title=Henvisning", "--add-entry=Fornavn");
        var zenity = program.Process;
        await using var services = new ServiceCollection().AddDesktopRobotDriver().BuildServiceProvider();
        var driver = services.GetServices<IRobotDriver>().Single(d => d.Kind == "desktop");
        var target = new TargetSystem { Name = "zenity", Kind = "desktop", Application = new ApplicationDescription { AttachTo = zenity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        await using var robot = await driver.OpenAsync(target, credential: null, Timeout, CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<RobotException>(() =>
            robot.FillAsync(Select("""[{"role": "text", "rightOf": "Mellemnavn"}]"""), "x", TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("Mellemnavn", error.Message, StringComparison.Ordinal);
    }

    private static Selector Select(string json) => Selector.Parse(JsonNode.Parse(json));

    /// <summary>A running zenity, killed on dispose if the test left it open.</summary>
    private sealed class Zenity : IDisposable
    {
        private Zenity(Process process) => Process = process;

        public Process Process { get; }

        public static Zenity Start(DesktopSessionFixture session, params string[] arguments)
        {
            var start = new ProcessStartInfo("/usr/bin/zenity") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Remove("NO_AT_BRIDGE");
            start.Environment["DISPLAY"] = session.Display;
            start.Environment["DBUS_SESSION_BUS_ADDRESS"] = session.SessionBusAddress;
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            return new Zenity(process);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}
