using Automation.Robots.Desktop.AtSpi;
using Automation.Robots.Desktop.Driver;
using Automation.Robots.Desktop.Hosting;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Desktop.Tests.Driver;

public sealed class RoleNamesTests
{
    [Fact]
    public void Resolve_Button_MatchesGtk3AndGtk4Buttons()
    {
        var roles = RoleNames.Resolve("button");

        Assert.Contains(AtSpiRole.PushButton, roles);
        Assert.Contains(AtSpiRole.ToggleButton, roles);
    }

    [Theory]
    [InlineData("push button", AtSpiRole.PushButton)]
    [InlineData("password_text", AtSpiRole.PasswordText)]
    [InlineData("11", AtSpiRole.ComboBox)]
    public void Resolve_AtSpiNameOrNumber_GivesThatRole(string role, int expected) =>
        Assert.Equal([expected], RoleNames.Resolve(role));

    [Fact]
    public void Resolve_UnknownRole_ListsTheKnownOnes()
    {
        var error = Assert.Throws<SelectorException>(() => RoleNames.Resolve("knap"));

        Assert.Contains("'knap' is not a desktop role", error.Message, StringComparison.Ordinal);
        Assert.Contains("textbox", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDesktopRobotDriver_Registered_ServesDesktopTargets()
    {
        using var provider = new ServiceCollection().AddDesktopRobotDriver(o => o.CallTimeout = TimeSpan.FromSeconds(2)).BuildServiceProvider();

        var driver = Assert.Single(provider.GetServices<IRobotDriver>());

        Assert.Equal("desktop", driver.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<DesktopRobotOptions>().CallTimeout);
    }
}
