using Automation.Robots.Hosting;
using Automation.Robots.Targets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Automation.Robots.Tests.Hosting;

public sealed class RobotConfigurationTests
{
    [Fact]
    public void AddAutomationRobots_TargetInConfiguration_BindsUrlCredentialAndLoginSelectors()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Automation:DataDirectory"] = "/srv/automation",
            ["Automation:Robots:Targets:SystemB:Kind"] = "web",
            ["Automation:Robots:Targets:SystemB:BaseUrl"] = "http://127.0.0.1:5081/",
            ["Automation:Robots:Targets:SystemB:Credential"] = "system-b-robot",
            ["Automation:Robots:Targets:SystemB:Login:Path"] = "login",
            ["Automation:Robots:Targets:SystemB:Login:UserName:0:Label"] = "Brugernavn",
            ["Automation:Robots:Targets:SystemB:Login:UserName:1:Css"] = "#user",
            ["Automation:Robots:Targets:SystemB:Login:Password:0:Label"] = "Adgangskode",
            ["Automation:Robots:Targets:SystemB:Login:Submit:0:Role"] = "button",
            ["Automation:Robots:Targets:SystemB:Login:Submit:0:Name"] = "Log ind",
            ["Automation:Robots:Targets:SystemB:Login:Success:0:Text"] = "Log ud",
        }).Build();
        using var services = new ServiceCollection().AddAutomationRobots(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<RobotOptions>>().Value;
        var target = options.GetTarget("systemb");

        Assert.Equal("SystemB", target.Name);
        Assert.Equal(new Uri("http://127.0.0.1:5081/"), target.BaseUrl);
        Assert.Equal("system-b-robot", target.Credential);
        Assert.Equal(["{label: \"Brugernavn\"}", "{css: \"#user\"}"], target.Login!.UserName.Select(c => c.ToString()));
        Assert.Equal("{role: \"button\", name: \"Log ind\"}", target.Login.Submit.Single().ToString());
        Assert.Equal(Path.Combine("/srv/automation", "evidence"), options.EvidenceDirectory);
    }

    [Fact]
    public void AddAutomationRobots_DesktopTarget_BindsTheApplicationToLaunch()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Automation:Robots:Targets:Pas:Kind"] = "desktop",
            ["Automation:Robots:Targets:Pas:Application:Executable"] = "/usr/bin/python3",
            ["Automation:Robots:Targets:Pas:Application:Arguments:0"] = "legacy_pas.py",
            ["Automation:Robots:Targets:Pas:Application:Arguments:1"] = "--data",
            ["Automation:Robots:Targets:Pas:Application:Environment:LANG"] = "da_DK.UTF-8",
            ["Automation:Robots:Targets:Pas:Application:StartTimeout"] = "00:00:45",
        }).Build();
        using var services = new ServiceCollection().AddAutomationRobots(configuration).BuildServiceProvider();

        var application = services.GetRequiredService<IOptions<RobotOptions>>().Value.GetTarget("pas").Application!;

        Assert.Equal("/usr/bin/python3", application.Executable);
        Assert.Equal(["legacy_pas.py", "--data"], application.Arguments);
        Assert.Equal("da_DK.UTF-8", application.Environment["LANG"]);
        Assert.Equal(TimeSpan.FromSeconds(45), application.StartTimeout);
        Assert.Null(application.AttachTo);
    }

    [Fact]
    public void GetTarget_Unknown_NamesTheConfiguredOnesAndTheSection()
    {
        var options = new RobotOptions();
        options.Targets["SystemA"] = new TargetSystem();

        var error = Assert.Throws<RobotException>(() => options.GetTarget("SystemC"));

        Assert.Contains("no robot target system 'SystemC' (configured: SystemA)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Automation:Robots:Targets:SystemC", error.Message, StringComparison.Ordinal);
    }
}
