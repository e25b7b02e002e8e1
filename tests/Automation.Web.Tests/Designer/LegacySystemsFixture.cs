extern alias LegacyWeb;

using Automation.Robots.Selectors;
using Automation.Robots.Targets;
using Automation.Web.Tests.Infrastructure;
using LegacyWeb::Automation.LegacyWeb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Automation.Web.Tests.Designer;

/// <summary>
/// The legacy web systems A (Henvisningsportalen, <see cref="ReferralCount"/> seeded referrals) and B (PAS) on free
/// ports of 127.0.0.1, in this process, for the designer test that builds the referral transfer in the browser.
/// </summary>
public sealed class LegacySystemsFixture : IAsyncLifetime
{
    public const int ReferralCount = 3;

    /// <summary>The vault entries the flow signs in with (the targets name none, so the flow must pick them).</summary>
    public const string CredentialA = "henvisning-robot";

    public const string CredentialB = "pas-robot";

    /// <summary>Both systems' default robot account.</summary>
    public const string RobotUser = "robot";

    public const string RobotPassword = "Robot-Pass-1";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "designer-legacy-" + Guid.NewGuid().ToString("N"));

    public LegacySystem SystemA { get; private set; } = null!;

    public LegacySystem SystemB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SystemA = await LegacySystem.StartAsync(LegacyVariant.A, Path.Combine(_data, "a"), port: 0, CancellationToken.None);
        SystemA.Control.SeedReferrals(ReferralCount);
        SystemB = await LegacySystem.StartAsync(LegacyVariant.B, Path.Combine(_data, "b"), port: 0, CancellationToken.None);
    }

    /// <summary>Registers targets systemA and systemB (web, with their login forms, no credential of their own) in the test server.</summary>
    public void AddTargets(WebAppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Server.Services.GetRequiredService<IOptions<RobotOptions>>().Value;
        options.Targets["systemA"] = new TargetSystem { Name = "systemA", Kind = "web", BaseUrl = SystemA.BaseUrl, Login = Login() };
        options.Targets["systemB"] = new TargetSystem { Name = "systemB", Kind = "web", BaseUrl = SystemB.BaseUrl, Login = Login() };
    }

    public async Task DisposeAsync()
    {
        await SystemA.DisposeAsync();
        await SystemB.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file may still be closing; the OS cleans the temp folder later.
        }
    }

    /// <summary>Both systems' login form, as the shipped transfer's targets describe it.</summary>
    private static LoginDescription Login()
    {
        var login = new LoginDescription { Path = "login" };
        login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        login.Success.Add(new SelectorCandidate { Role = "link", Name = "Log ud" });
        return login;
    }
}
