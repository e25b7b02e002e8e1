using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.LegacyWeb;
using Automation.LegacyWeb.Storage;
using Automation.Robots.Selectors;
using Automation.Robots.Targets;
using Automation.Robots.Web.Driver;
using Automation.Robots.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Web.Tests.Evidence;

/// <summary>System A of the legacy web app with two seeded referrals, as target <c>systemA</c>, and one Chromium.</summary>
public sealed class LegacyAFixture : RobotHostFixture
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "legacy-evidence-" + Guid.NewGuid().ToString("N"));

    public LegacySystem SystemA { get; private set; } = null!;

    public IReadOnlyList<Referral> Referrals { get; private set; } = [];

    public PlaywrightDriver Driver => Services.GetRequiredService<PlaywrightDriver>();

    /// <summary>Runs a flow given as activities (with ids) and connections (<c>from[:port] -> to</c>).</summary>
    public Task<RunResult> RunFlowAsync(string[] variables, (string Id, string Type, string Inputs)[] activities, params string[] connections)
    {
        var definition = new JsonObject
        {
            ["id"] = "evidence-flow",
            ["name"] = "Evidence flow",
            ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode)new JsonObject { ["name"] = v, ["type"] = "any" })]),
            ["root"] = new JsonObject
            {
                ["activities"] = new JsonArray([.. activities.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["type"] = a.Type, ["inputs"] = JsonNode.Parse(a.Inputs) })]),
                ["connections"] = new JsonArray([.. connections.Select(Connection)]),
            },
        };
        return Runtime.StartAsync(definition.Deserialize<WorkflowDefinition>(WorkflowJson.Options)!, new StartOptions(), CancellationToken.None);
    }

    protected override async Task StartTargetsAsync(RobotOptions options, InMemoryCredentialStore vault)
    {
        SystemA = await LegacySystem.StartAsync(LegacyVariant.A, _data, port: 0, CancellationToken.None);
        Referrals = SystemA.Control.SeedReferrals(2);
        vault.Set(new Credential("henvisning-robot", new Dictionary<string, string> { ["userName"] = "robot", ["password"] = "Robot-Pass-1" }));
        var login = new LoginDescription { Path = "login" };
        login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        login.Success.Add(new SelectorCandidate { Role = "link", Name = "Log ud" });
        options.Targets["systemA"] = new TargetSystem { Kind = "web", BaseUrl = SystemA.BaseUrl, Credential = "henvisning-robot", Login = login };
    }

    protected override async Task StopTargetsAsync()
    {
        await SystemA.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static JsonNode Connection(string text)
    {
        var parts = text.Split("->");
        var source = parts[0].Trim().Split(':');
        return new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source[0], ["port"] = source.Length > 1 ? source[1] : "Done" },
            ["target"] = new JsonObject { ["activity"] = parts[1].Trim() },
        };
    }
}
