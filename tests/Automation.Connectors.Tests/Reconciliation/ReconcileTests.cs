using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Reconciliation;

public sealed class ReconcileTests : IDisposable
{
    private const string JournalRecords = """
        [
          {"id": "1", "address": "Nørregade 5, 2. th.", "phone": "12345678"},
          {"id": "2", "address": "Kongevej 12", "phone": "23456789"},
          {"id": "3", "address": "Vestergade 1", "phone": "34567890"},
          {"id": "5", "address": "Åvej 9", "phone": "45678901"},
          {"id": "5", "address": "Åvej 9", "phone": "45678901"}
        ]
        """;

    private const string BookingRecords = """
        [
          {"nr": "1", "adresse": "NØRREG. 5, 2.th", "telefon": "+45 12 34 56 78"},
          {"nr": "2", "adresse": "Kongevej 14", "telefon": "=23456780"},
          {"nr": "4", "adresse": "Bredgade 2", "telefon": "56789012"}
        ]
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("reconcile-").FullName;
    private readonly TestHost _host = new();

    [Fact]
    public async Task Reconcile_TwoSystems_StoresResultAndLogsCounts()
    {
        var result = await RunAsync("""{"include": "keys"}""");

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var outcome = result.Output["result"]!.AsObject();
        Assert.Equal(1, outcome["matched"]!.GetValue<int>());
        Assert.Equal("""["3"]""", outcome["onlyInA"]!.ToJsonString());
        Assert.Equal("""["4"]""", outcome["onlyInB"]!.ToJsonString());
        Assert.Equal("""["5"]""", outcome["duplicateKeysA"]!.ToJsonString());
        var differing = Assert.Single(outcome["differing"]!.AsArray())!;
        Assert.Equal("2", differing["key"]!.GetValue<string>());
        Assert.Equal(
            """[{"field":"address","fieldB":"adresse","a":"Kongevej 12","b":"Kongevej 14"},{"field":"phone","fieldB":"telefon","a":"23456789","b":"=23456780"}]""",
            differing["differences"]!.ToJsonString());
        Assert.Contains(
            "Reconciled journal (5 records) with booking (3 records) on id: 1 matched, 1 differing, 1 only in journal, 1 only in booking, 1 duplicated keys in journal, 0 in booking.",
            _host.Log.Lines);
    }

    [Fact]
    public async Task Reconcile_IncludeRecords_ListsWholeRecords()
    {
        var result = await RunAsync("""{"include": "records"}""");

        var outcome = result.Output["result"]!.AsObject();
        Assert.Equal("""[{"nr":"4","adresse":"Bredgade 2","telefon":"56789012"}]""", outcome["onlyInB"]!.ToJsonString());
        Assert.Equal("Kongevej 14", outcome["differing"]![0]!["b"]!["adresse"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_ReportPath_WritesOneLinePerDifferenceAndOneSidedRecord()
    {
        var report = Path.Combine(_folder, "out", "report.csv");

        var result = await RunAsync($$"""{"reportPath": {{JsonValue.Create(report).ToJsonString()}}}""");

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var bytes = await File.ReadAllBytesAsync(report);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.Equal(
            "kind;key;field;journal;booking\r\n"
            + "differing;2;address;Kongevej 12;Kongevej 14\r\n"
            + "differing;2;phone;23456789;\"'=23456780\"\r\n"
            + "onlyInA;3;;;\r\n"
            + "onlyInB;4;;;\r\n"
            + "duplicateInA;5;;2 records;\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(report)!));
    }

    [Fact]
    public async Task Reconcile_RecordsGivenAsVariableNames_ReadsTheVariables()
    {
        var result = await RunAsync("""{"recordsA": "journal", "recordsB": "booking"}""");

        Assert.Equal(1, result.Output["result"]!["matched"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reconcile_UnknownNormaliser_FaultsNamingFieldAndChoices()
    {
        var result = await RunAsync("""{"fields": [{"a": "address", "b": "adresse", "normalize": ["adress"]}]}""");

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("'adress'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("Entry 0 of input 'fields' of activity 'reconcile'", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_RecordsNotObjects_FaultsNamingTheRecord()
    {
        var result = await RunAsync("""{"recordsA": {"js": "[{id: '1'}, 'x']"}}""");

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("Record 1 of recordsA (journal)", result.Incident!.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Runs a flow that loads both record sets into variables and reconciles them; <paramref name="overrides"/> replaces inputs of the Reconcile node.</summary>
    private async Task<RunResult> RunAsync(string overrides)
    {
        var inputs = new JsonObject
        {
            ["recordsA"] = new JsonObject { ["js"] = "variables.journal" },
            ["recordsB"] = new JsonObject { ["js"] = "variables.booking" },
            ["key"] = "id",
            ["keyB"] = "nr",
            ["fields"] = JsonNode.Parse("""
                [{"a": "address", "b": "adresse", "normalize": ["address", "danish"]}, {"a": "phone", "b": "telefon", "normalize": ["phone"]}]
                """),
            ["nameA"] = "journal",
            ["nameB"] = "booking",
            ["resultVariable"] = "result",
        };
        foreach (var (name, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            inputs[name] = value?.DeepClone();
        }

        var definition = TestHost.Parse("""
            {
              "id": "reconcile-test",
              "variables": [
                {"name": "journal", "type": "array", "default": JOURNAL},
                {"name": "booking", "type": "array", "default": BOOKING},
                {"name": "result", "type": "object"}
              ],
              "outputs": [{"name": "result", "type": "object"}],
              "root": {
                "activities": [
                  {"id": "start", "type": "Start"},
                  {"id": "reconcile", "type": "Reconcile", "inputs": INPUTS},
                  {"id": "out", "type": "SetOutput", "inputs": {"output": "result", "value": {"js": "variables.result"}}}
                ],
                "connections": [
                  {"source": {"activity": "start", "port": "Done"}, "target": {"activity": "reconcile"}},
                  {"source": {"activity": "reconcile", "port": "Done"}, "target": {"activity": "out"}}
                ]
              }
            }
            """.Replace("JOURNAL", JournalRecords, StringComparison.Ordinal).Replace("BOOKING", BookingRecords, StringComparison.Ordinal).Replace("INPUTS", inputs.ToJsonString(), StringComparison.Ordinal));
        return await _host.RunAsync(definition);
    }
}
