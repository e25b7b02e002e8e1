using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Runtime;
using Automation.FhirTestServer;

namespace Automation.Connectors.Tests.Fhir;

/// <summary>A FHIR test server on 127.0.0.1 and an engine with a connection <c>ehr</c> of kind Fhir to it.</summary>
internal sealed class FhirTestBed : IAsyncDisposable
{
    public const string Cpr = "urn:oid:1.2.208.176.1.2";

    private FhirTestBed(FhirTestServer.FhirTestServer server, TestHost host)
    {
        Server = server;
        Host = host;
    }

    public FhirTestServer.FhirTestServer Server { get; }

    public TestHost Host { get; }

    /// <summary>Starts both; the connection retries 3 times from 10 ms and times attempts out after 5 s unless <paramref name="configure"/> says otherwise.</summary>
    public static async Task<FhirTestBed> StartAsync(Action<ConnectionResilience>? configure = null)
    {
        var server = await FhirTestServer.FhirTestServer.StartAsync(0, CancellationToken.None);
        var resilience = new ConnectionResilience { RetryCount = 3, RetryDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(resilience);
        var connection = new ConnectionDefinition { Name = "ehr", Kind = ConnectionKind.Fhir, BaseUrl = server.BaseUrl, Resilience = resilience };
        return new FhirTestBed(server, new TestHost(connection));
    }

    /// <summary>Runs a flow given as JSON (see <see cref="Flow"/>).</summary>
    public Task<RunResult> RunAsync(string definitionJson, JsonObject? input = null) => Host.RunAsync(TestHost.Parse(definitionJson), input);

    /// <summary>The log lines one activity wrote into its journal entries.</summary>
    public async Task<IReadOnlyList<string>> JournalLogAsync(RunResult result, string activityId) =>
        (await Host.JournalAsync(result.InstanceId)).Where(e => e.ActivityId == activityId).SelectMany(e => e.Log ?? []).ToList();

    /// <summary>
    /// A flow of activities run one after the other through Done (each given as its JSON object), with the variables
    /// <c>a</c>, <c>b</c>, <c>c</c> and <c>d</c> also being outputs; the NotFound port of each FhirRead leads to a Log
    /// writing "not found".
    /// </summary>
    public static string Flow(params string[] activities)
    {
        var ids = activities.Select(a => JsonNode.Parse(a)!["id"]!.GetValue<string>()).ToList();
        var connections = new List<string>();
        for (var i = 0; i + 1 < ids.Count; i++)
        {
            connections.Add($$"""{ "source": { "activity": "{{ids[i]}}", "port": "Done" }, "target": { "activity": "{{ids[i + 1]}}" } }""");
        }

        var reads = activities.Zip(ids).Where(p => p.First.Contains("\"FhirRead\"", StringComparison.Ordinal)).Select(p => p.Second).ToList();
        var all = reads.Count == 0 ? activities : [.. activities, """{ "id": "missing", "type": "Log", "inputs": { "message": "not found" } }"""];
        connections.AddRange(reads.Select(id => $$"""{ "source": { "activity": "{{id}}", "port": "NotFound" }, "target": { "activity": "missing" } }"""));
        return $$"""
        {
          "id": "fhir-flow", "name": "FHIR flow",
          "variables": [{ "name": "a", "type": "any" }, { "name": "b", "type": "any" }, { "name": "c", "type": "any" }, { "name": "d", "type": "any" }],
          "outputs": [{ "name": "a" }, { "name": "b" }, { "name": "c" }, { "name": "d" }],
          "root": {
            "activities": [ {{string.Join(",\n", all)}} ],
            "connections": [ {{string.Join(",\n", connections)}} ]
          }
        }
        """;
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Server.DisposeAsync();
    }
}
