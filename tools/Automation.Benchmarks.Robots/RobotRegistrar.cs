using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Robots.Hosting;
using Automation.Robots.Selectors;
using Automation.Robots.Targets;
using Automation.Robots.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Automation.Benchmarks.Robots;

/// <summary>
/// The robot layer: each referral is one workflow instance of Robot.* activities run by the engine's WorkflowRuntime
/// (in-memory store), with the Playwright web driver (one Chromium, one browser context per instance).
/// </summary>
internal sealed class RobotRegistrar : IRegistrar, IAsyncDisposable
{
    private const string Credential = "pas-robot";
    private readonly ServiceProvider _services;
    private readonly RobotOptions _options;
    private readonly WorkflowRuntime _runtime;
    private readonly IInstanceStore _store;

    public RobotRegistrar(string evidenceDirectory)
    {
        var vault = new InMemoryCredentialStore();
        vault.Set(new Credential(Credential, new Dictionary<string, string> { ["userName"] = "robot", ["password"] = "Robot-Pass-1" }));
        var services = new ServiceCollection();
        services.AddSingleton<ICredentialStore>(vault);
        services.AddAutomationRobots();
        services.AddWebRobotDriver();
        services.Configure<RobotOptions>(o =>
        {
            o.EvidenceDirectory = evidenceDirectory;
            o.DefaultTimeout = TimeSpan.FromSeconds(10);
        });
        services.AddAutomationEngine();
        _services = services.BuildServiceProvider();
        _options = _services.GetRequiredService<IOptions<RobotOptions>>().Value;
        _runtime = _services.GetRequiredService<WorkflowRuntime>();
        _store = _services.GetRequiredService<IInstanceStore>();
    }

    public string Name => "robot";

    /// <summary>Adds B of one pass as a target of its own, so no saved sign-in of an earlier B is reused.</summary>
    public void AddTarget(BTarget b)
    {
        var login = new LoginDescription { Path = "login" };
        login.UserName.Add(new SelectorCandidate { Label = "Brugernavn" });
        login.Password.Add(new SelectorCandidate { Label = "Adgangskode" });
        login.Submit.Add(new SelectorCandidate { Role = "button", Name = "Log ind" });
        login.Success.Add(new SelectorCandidate { Role = "link", Name = "Log ud" });
        lock (_options)
        {
            _options.Targets[b.TargetName] = new TargetSystem { Kind = "web", BaseUrl = b.BaseUrl, Credential = Credential, Login = login };
        }
    }

    public async Task<string> RegisterAsync(BTarget b, Record record, CancellationToken cancellationToken)
    {
        var t = JsonSerializer.Serialize(b.TargetName);
        static string S(string value) => JsonSerializer.Serialize(value);
        (string, string)[] steps =
        [
            ("Robot.Open", $$"""{ "target": {{t}} }"""),
            ("Robot.Click", $$"""{ "target": {{t}}, "selector": [{ "role": "link", "name": "Ny registrering" }] }"""),
            ("Robot.SwitchFrame", $$"""{ "target": {{t}}, "frame": [{ "css": "iframe[name=indhold]" }] }"""),
            ("Robot.WaitFor", $$"""{ "target": {{t}}, "selector": [{ "label": "Henvisnings-id" }], "state": "editable" }"""),
            ("Robot.Fill", $$"""{ "target": {{t}}, "selector": [{ "label": "Henvisnings-id" }], "value": {{S(record.ReferralId)}} }"""),
            ("Robot.Fill", $$"""{ "target": {{t}}, "selector": [{ "css": "input[name=cpr]" }], "value": {{S(record.Cpr)}} }"""),
            ("Robot.Fill", $$"""{ "target": {{t}}, "selector": [{ "label": "Fornavn" }], "value": {{S(record.FirstName)}} }"""),
            ("Robot.Fill", $$"""{ "target": {{t}}, "selector": [{ "label": "Efternavn" }], "value": {{S(record.LastName)}} }"""),
            ("Robot.Fill", $$"""{ "target": {{t}}, "selector": [{ "css": "input[name=adresse]" }], "value": {{S(record.Address)}} }"""),
            ("Robot.Fill", $$"""{ "target": {{t}}, "selector": [{ "css": "input[name=postnr]" }], "value": {{S(record.PostalCode)}} }"""),
            ("Robot.Fill", $$"""{ "target": {{t}}, "selector": [{ "css": "input[name=by]" }], "value": {{S(record.City)}} }"""),
            ("Robot.Fill", $$"""{ "target": {{t}}, "selector": [{ "label": "Henvisningsdato" }], "value": {{S(record.ReferralDate)}} }"""),
            ("Robot.Select", $$"""{ "target": {{t}}, "selector": [{ "css": "select[name=afdeling]" }], "option": {{S(record.DepartmentName)}} }"""),
            ("Robot.Check", $$"""{ "target": {{t}}, "selector": [{ "label": "Akut" }], "checked": {{(record.Urgent ? "true" : "false")}} }"""),
            ("Robot.HandleDialog", $$"""{ "target": {{t}}, "answer": "accept", "expectedText": "Vil du gemme registreringen?", "click": [{ "role": "button", "name": "Gem" }] }"""),
            ("Robot.ReadText", $$"""{ "target": {{t}}, "selector": "#journalnummer", "variable": "journal" }"""),
            ("Robot.Close", $$"""{ "target": {{t}} }"""),
        ];
        var result = await _runtime.StartAsync(Workflow(steps), new StartOptions(), cancellationToken);
        if (result.Status != InstanceStatus.Finished)
        {
            throw new InvalidOperationException($"The robot workflow for {record.ReferralId} ended {result.Status}: {result.Incident?.Message}");
        }

        var instance = await _store.GetInstanceAsync(result.InstanceId, cancellationToken);
        return instance?.State.Variables["journal"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"The robot workflow for {record.ReferralId} finished without a journal number.");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static WorkflowDefinition Workflow((string Type, string Inputs)[] steps)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 0; i < steps.Length; i++)
        {
            activities.Add(new JsonObject { ["id"] = $"s{i + 1}", ["type"] = steps[i].Type, ["inputs"] = JsonNode.Parse(steps[i].Inputs) });
            if (i > 0)
            {
                connections.Add(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = $"s{i}", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = $"s{i + 1}" },
                });
            }
        }

        var definition = new JsonObject
        {
            ["id"] = "register-referral",
            ["name"] = "Register referral in B",
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "journal", ["type"] = "any" }),
            ["root"] = new JsonObject { ["activities"] = activities, ["connections"] = connections },
        };
        return definition.Deserialize<WorkflowDefinition>(WorkflowJson.Options)!;
    }
}
