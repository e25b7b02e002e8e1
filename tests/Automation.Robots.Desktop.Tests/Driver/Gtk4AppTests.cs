using System.Text.Json.Nodes;
using Automation.Robots.Desktop.Driver;
using Automation.Robots.Desktop.Tests.Infrastructure;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;

namespace Automation.Robots.Desktop.Tests.Driver;

/// <summary>
/// Debian's gnome-calculator is a GTK 4 application: other role names ("button" for role 43), no SHOWING and no
/// ENABLED states, no label relations. The same selectors work because roles match by number.
/// </summary>
[Collection(DesktopCollection.Name)]
[Trait("Category", "Desktop")]
public sealed class Gtk4AppTests(DesktopSessionFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Open_Gtk4Calculator_FillClickAndReadWorkByRoleNumbers()
    {
        _ = fixture;
        var target = new TargetSystem { Name = "calculator", Kind = "desktop", Application = new ApplicationDescription { Executable = "/usr/bin/gnome-calculator" } };
        var driver = new DesktopDriver(new DesktopRobotOptions());

        await using var robot = await driver.OpenAsync(target, credential: null, Wait, default);
        var undo = await robot.WaitForAsync(Sel("""{"role": "button", "name": "Undo"}"""), ElementState.Enabled, Wait, default);
        await robot.FillAsync(Sel("""{"role": "textbox", "name": "GtkSourceView"}"""), "12+30", Wait, default);
        var text = await robot.ReadTextAsync(Sel("""{"role": "textbox", "name": "GtkSourceView"}"""), Wait, default);

        await robot.ClickAsync(Sel("""[{"role": "button", "name": "="}, {"role": "button", "name": "= ="}, {"role": "button", "name": "Calculate result"}]"""), Wait, default);
        var result = await global::Automation.Robots.Desktop.Ui.Retry.WhileNullAsync(
            async ct => (await robot.ReadTextAsync(Sel("""{"role": "textbox", "name": "GtkSourceView"}"""), Wait, ct)).Value is "42" ? "42" : null, Wait, default);

        Assert.Equal("""{role: "button", name: "Undo"}""", undo!.Candidate);
        Assert.Equal("12+30", text.Value);
        Assert.Equal("42", result);
    }

    private static Selector Sel(string json) => Selector.Parse(JsonNode.Parse(json));
}
