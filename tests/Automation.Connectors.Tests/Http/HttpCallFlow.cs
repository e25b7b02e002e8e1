using System.Net;
using System.Text;
using System.Text.Json;
using Automation.Connectors.Connections;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Http;

/// <summary>Workflows and connections for HttpCall tests: one HttpCall whose every port leads to a Log naming it.</summary>
internal static class HttpCallFlow
{
    /// <summary>A connection to <paramref name="server"/> under <c>/api/</c> that retries quickly.</summary>
    public static ConnectionDefinition Connection(LocalHttpServer server, string name = "api", Action<ConnectionDefinition>? configure = null) =>
        Connection(server.Url, name, configure);

    /// <summary>A connection to the server at <paramref name="serverUrl"/> under <c>/api/</c> that retries quickly.</summary>
    public static ConnectionDefinition Connection(string serverUrl, string name = "api", Action<ConnectionDefinition>? configure = null)
    {
        var connection = new ConnectionDefinition
        {
            Name = name,
            BaseUrl = new Uri(serverUrl + "api"),
            Resilience = new ConnectionResilience { RetryCount = 3, RetryDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(10) },
        };
        configure?.Invoke(connection);
        return connection;
    }

    /// <summary>
    /// One HttpCall with <paramref name="inputs"/> (JSON members, without the outer braces) expecting 200 and 404; the
    /// ports lead to Log activities writing ok, not found, unmatched, failed and timeout. The response lands in the
    /// output <c>response</c>.
    /// </summary>
    public static WorkflowDefinition Calling(string inputs, bool connectFailures = true) => TestHost.Parse($$"""
    {
      "id": "http-call", "name": "HTTP call",
      "variables": [{ "name": "response", "type": "object" }],
      "outputs": [{ "name": "response" }],
      "root": {
        "activities": [
          { "id": "call", "type": "HttpCall", "inputs": { "expectedStatusCodes": [200, 404], "resultVariable": "response", {{inputs}} } },
          { "id": "ok", "type": "Log", "inputs": { "message": "ok" } },
          { "id": "missing", "type": "Log", "inputs": { "message": "not found" } },
          { "id": "other", "type": "Log", "inputs": { "message": "unmatched" } }{{(connectFailures ? FailureActivities : "")}}
        ],
        "connections": [
          { "source": { "activity": "call", "port": "200" }, "target": { "activity": "ok" } },
          { "source": { "activity": "call", "port": "404" }, "target": { "activity": "missing" } },
          { "source": { "activity": "call", "port": "Unmatched" }, "target": { "activity": "other" } }{{(connectFailures ? FailureConnections : "")}}
        ]
      }
    }
    """);

    private const string FailureActivities = """
        ,
        { "id": "failed", "type": "Log", "inputs": { "message": "failed" } },
        { "id": "late", "type": "Log", "inputs": { "message": "timeout" } }
        """;

    private const string FailureConnections = """
        ,
        { "source": { "activity": "call", "port": "Failed" }, "target": { "activity": "failed" } },
        { "source": { "activity": "call", "port": "Timeout" }, "target": { "activity": "late" } }
        """;

    /// <summary>The journal entry of the HttpCall.</summary>
    public static async Task<JournalEntry> CallEntryAsync(TestHost host, RunResult result) =>
        (await host.JournalAsync(result.InstanceId)).Single(j => j.ActivityId == "call");

    /// <summary>Everything the journal and the workflow log hold, as text, to search for secrets.</summary>
    public static async Task<string> EverythingLoggedAsync(TestHost host, RunResult result) =>
        JsonSerializer.Serialize(await host.JournalAsync(result.InstanceId)) + string.Join("\n", host.Log.Lines) + JsonSerializer.Serialize(result.Incident);

    public static async Task WriteJsonAsync(HttpListenerResponse response, string json, CancellationToken cancellationToken, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(json);
        await response.OutputStream.WriteAsync(bytes, cancellationToken);
    }
}
