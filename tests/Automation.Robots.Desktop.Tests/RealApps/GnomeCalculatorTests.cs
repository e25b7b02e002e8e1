using Automation.Robots.Desktop.AtSpi;
using Automation.Robots.Desktop.Tests.Infrastructure;
using Automation.Robots.Desktop.Ui;
using Automation.Robots.Targets;

namespace Automation.Robots.Desktop.Tests.RealApps;

/// <summary>
/// Debian's gnome-calculator, a GTK 4 app (GTK 4 speaks AT-SPI itself, without the ATK bridge our GTK 3 app loads),
/// launched and driven through the driver's FlaUI-shaped API: the same conditions (role number + name) as for GTK 3.
/// </summary>
[Trait("Category", "Desktop")]
[Collection(DesktopCollection.Name)]
public sealed class GnomeCalculatorTests(DesktopSessionFixture session)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task GnomeCalculator_TwelveTimesSeven_ShowsEightyFour()
    {
        Assert.False(string.IsNullOrEmpty(session.Display));
        var description = new ApplicationDescription { Executable = "/usr/bin/gnome-calculator" };

        // No GPU under Xvfb: GTK 4 draws with cairo.
        description.Environment["GSK_RENDERER"] = "cairo";
        using var automation = await AtSpiAutomation.ConnectAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        using var calculator = Application.Launch(description);
        try
        {
            var window = await calculator.GetMainWindowAsync(automation, Timeout, CancellationToken.None);
            var find = automation.ConditionFactory;

            // GTK 4.8 names a button after its label twice ("7 7").
            foreach (var key in new[] { "1", "2", "×", "7", "=" })
            {
                var button = await window.FindFirstDescendantAsync(find.ByRole(AtSpiRole.PushButton).And(find.ByName($"{key} {key}")), CancellationToken.None);
                Assert.True(button is not null, $"no button '{key}' in the calculator");
                await button.AsButton().InvokeAsync(CancellationToken.None);
            }

            var display = await window.FindFirstDescendantAsync(find.ByRole(AtSpiRole.Text).And(find.ByName("GtkSourceView")), CancellationToken.None);
            Assert.NotNull(display);

            // Invoking returns before the calculator ran it; the display changes when it has.
            var shown = await Retry.UntilAsync(async ct => await display.AsTextBox().GetTextAsync(ct) == "84", Timeout, CancellationToken.None);
            Assert.True(shown, $"the display shows '{await display.AsTextBox().GetTextAsync(CancellationToken.None)}', not 84");
        }
        finally
        {
            calculator.Close();
        }
    }
}
