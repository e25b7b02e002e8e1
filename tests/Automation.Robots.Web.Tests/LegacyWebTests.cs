using Automation.Engine.Credentials;
using Automation.Engine.Runtime;
using Automation.LegacyWeb;
using Automation.Robots.Selectors;
using Automation.Robots.Targets;
using Automation.Robots.Web.Tests.Infrastructure;

namespace Automation.Robots.Web.Tests;

/// <summary>System B of the legacy web app (tools/Automation.LegacyWeb) as a target, for the robot activities end to end.</summary>
public sealed class LegacyFixture : RobotHostFixture
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "legacy-b-" + Guid.NewGuid().ToString("N"));

    public LegacySystem SystemB { get; private set; } = null!;

    protected override async Task StartTargetsAsync(RobotOptions options, InMemoryCredentialStore vault)
    {
        SystemB = await LegacySystem.StartAsync(LegacyVariant.B, _data, port: 0, CancellationToken.None);
        vault.Set(new Credential("pas-robot", new Dictionary<string, string> { ["userName"] = "robot", ["password"] = "Robot-Pass-1" }));
        var login = new LoginDescription { Path = "login" };
        login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        login.Success.Add(new SelectorCandidate { Role = "link", Name = "Log ud" });
        options.Targets["pas"] = new TargetSystem { Kind = "web", BaseUrl = SystemB.BaseUrl, Credential = "pas-robot", Login = login };
    }

    protected override async Task StopTargetsAsync()
    {
        await SystemB.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}

[Trait("Category", "Browser")]
public sealed class LegacyWebTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    private const string Pas = """{ "target": "pas" }""";

    [Fact]
    public async Task RegisterReferral_InSystemBFrame_IsSavedOnceWithTheTypedValues()
    {
        var result = await fixture.RunAsync(["journal"],
            ("Robot.Open", Pas),
            ("Robot.Click", """{ "target": "pas", "selector": [{ "role": "link", "name": "Ny registrering" }] }"""),
            ("Robot.SwitchFrame", """{ "target": "pas", "frame": [{ "css": "iframe[name=indhold]" }] }"""),
            ("Robot.WaitFor", """{ "target": "pas", "selector": [{ "label": "Henvisnings-id" }], "state": "editable" }"""),
            ("Robot.Fill", """{ "target": "pas", "selector": [{ "label": "Henvisnings-id" }], "value": "HEN-000042" }"""),
            ("Robot.Fill", """{ "target": "pas", "selector": [{ "label": "CPR-nummer" }, { "css": "input[name=cpr]" }], "value": "120375-1233" }"""),
            ("Robot.Fill", """{ "target": "pas", "selector": [{ "label": "Fornavn" }], "value": "Søren" }"""),
            ("Robot.Fill", """{ "target": "pas", "selector": [{ "label": "Efternavn" }], "value": "Ærø" }"""),
            ("Robot.Fill", """{ "target": "pas", "selector": [{ "css": "input[name=adresse]" }], "value": "Åboulevarden 3" }"""),
            ("Robot.Fill", """{ "target": "pas", "selector": [{ "css": "input[name=postnr]" }], "value": "8000" }"""),
            ("Robot.Fill", """{ "target": "pas", "selector": [{ "css": "input[name=by]" }], "value": "Aarhus C" }"""),
            ("Robot.Fill", """{ "target": "pas", "selector": [{ "label": "Henvisningsdato" }], "value": "20-11-2026" }"""),
            ("Robot.Select", """{ "target": "pas", "selector": [{ "css": "select[name=afdeling]" }], "option": "Kardiologisk afdeling" }"""),
            ("Robot.Check", """{ "target": "pas", "selector": [{ "label": "Akut" }], "checked": true }"""),
            ("Robot.HandleDialog", """{ "target": "pas", "answer": "accept", "expectedText": "Vil du gemme registreringen?", "click": [{ "role": "button", "name": "Gem" }] }"""),
            ("Robot.ReadText", """{ "target": "pas", "selector": "#journalnummer", "variable": "journal" }"""),
            ("Robot.Close", Pas));

        Assert.True(result.Status == InstanceStatus.Finished, result.Incident?.Message);
        var saved = Assert.Single(fixture.SystemB.Control.Registrations("HEN-000042"));
        Assert.Equal(saved.RecordNumber, (await fixture.VariableAsync(result.InstanceId, "journal"))?.GetValue<string>());
        Assert.Equal(("120375-1233", "Søren", "Ærø", "Åboulevarden 3", "8000", "Aarhus C"), (saved.Cpr, saved.FirstName, saved.LastName, saved.Address, saved.PostalCode, saved.City));
        Assert.Equal(("KARD", new DateOnly(2026, 11, 20), true), (saved.Department, saved.ReferralDate, saved.Urgent));
    }
}
