using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Robots.Desktop.Driver;
using Automation.Robots.Desktop.Tests.Infrastructure;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;

namespace Automation.Robots.Desktop.Tests.Driver;

/// <summary>The legacy app started fresh, with a desktop session attached to it (signed in when asked).</summary>
internal sealed class LegacySession : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private LegacySession(LegacyDesktopApp app, IRobotSession session)
    {
        App = app;
        Session = session;
    }

    public LegacyDesktopApp App { get; }

    public IRobotSession Session { get; }

    public static TargetSystem Target(string attachTo)
    {
        var target = new TargetSystem { Name = "pas", Kind = "desktop", Application = new ApplicationDescription { AttachTo = attachTo }, Login = new LoginDescription() };
        target.Login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        target.Login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        target.Login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        target.Login.Success.Add(new SelectorCandidate { Role = "button", Name = "Ny registrering" });
        return target;
    }

    public static Credential Credential(string password = LegacyDesktopApp.Password) =>
        new("pas-robot", new Dictionary<string, string> { ["userName"] = LegacyDesktopApp.UserName, ["password"] = password });

    public static async Task<LegacySession> OpenAsync(DesktopSessionFixture fixture, bool signIn = true, string password = LegacyDesktopApp.Password)
    {
        var app = LegacyDesktopApp.Start(fixture);
        try
        {
            var driver = new DesktopDriver(new DesktopRobotOptions());
            var session = await driver.OpenAsync(Target(app.Pid.ToString(CultureInfo.InvariantCulture)), Credential(password), Wait, default);
            var opened = new LegacySession(app, session);
            if (signIn)
            {
                await session.SignInAsync(Wait, default);
            }

            return opened;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Opens the "Ny registrering" dialog and waits for its first field.</summary>
    public async Task OpenRegistrationAsync()
    {
        await Session.ClickAsync(Sel("""{"role": "button", "name": "Ny registrering"}"""), Wait, default);
        await Session.WaitForAsync(Sel("""{"testId": "referral"}"""), ElementState.Editable, Wait, default);
    }

    public static Selector Sel(string json) => Selector.Parse(JsonNode.Parse(json));

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        App.Dispose();
    }
}
