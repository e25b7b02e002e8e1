using Automation.Robots.Desktop.Driver;
using Automation.Robots.Sessions;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Hosting;

/// <summary>The server runs web and desktop robots; the desktop driver takes its settings from Automation:Robots:Desktop.</summary>
public sealed class RobotDriverTests
{
    [Fact]
    public void Server_RobotDrivers_AreWebAndDesktopWithTheConfiguredCallTimeout()
    {
        using var factory = new ServerFactory().With("Automation:Robots:Desktop:CallTimeout", "00:00:02");

        var drivers = factory.Services.GetServices<IRobotDriver>().Select(d => d.Kind).Order(StringComparer.Ordinal);

        Assert.Equal(["desktop", "web"], drivers);
        Assert.Equal(TimeSpan.FromSeconds(2), factory.Services.GetRequiredService<DesktopRobotOptions>().CallTimeout);
    }
}
