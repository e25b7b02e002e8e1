using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Web.Tests.Infrastructure;

namespace Automation.Web.Tests.Audit;

/// <summary>
/// Runs for the audit pages to show: a small referral flow published and executed through the real API with a business
/// key, its input holding a CPR number and its log line an evidence reference.
/// </summary>
internal static class AuditRuns
{
    /// <summary>A valid CPR number (07-07-1961); the run log must only ever hold it masked.</summary>
    public const string Cpr = "070761-4285";

    /// <summary>An evidence reference as robots write it (content hash of a screenshot).</summary>
    public const string Evidence = "evidence:sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private const string WorkflowId = "web-audit-referral";

    // The note is deliberately not marked personal: the CPR number inside free text must still be masked.
    private const string Flow = $$"""
        {
          "id": "{{WorkflowId}}", "name": "Audited referral",
          "inputs": [ { "name": "note", "type": "String" } ],
          "outputs": [ { "name": "done", "type": "Boolean" } ],
          "root": {
            "activities": [
              { "id": "record", "type": "Log", "inputs": { "message": { "js": "'Referral: ' + input.note + ' screenshot {{Evidence}}'" } } },
              { "id": "finish", "type": "SetOutput", "inputs": { "output": "done", "value": true } }
            ],
            "connections": [ { "source": { "activity": "record", "port": "Done" }, "target": { "activity": "finish" } } ]
          }
        }
        """;

    private static readonly SemaphoreSlim Published = new(1, 1);
    private static bool _published;

    public static string WorkflowName => WorkflowId;

    // A step whose journal line carries whatever evidence references the test passes as its note.
    private const string EvidenceWorkflowId = "web-audit-evidence";

    private const string EvidenceFlow = $$"""
        {
          "id": "{{EvidenceWorkflowId}}", "name": "Audited evidence",
          "inputs": [ { "name": "note", "type": "String" } ],
          "root": {
            "activities": [
              { "id": "capture", "type": "Log", "inputs": { "message": { "js": "'Evidence: ' + input.note" } } }
            ],
            "connections": []
          }
        }
        """;

    private static bool _evidencePublished;

    /// <summary>Publishes the flow (once per server) and executes it with <paramref name="businessKey"/>; returns the instance id.</summary>
    public static Task<string> ExecuteAsync(WebAppFixture fixture, string businessKey) =>
        RunAsync(fixture, WorkflowId, Flow, () => _published, () => _published = true, new { note = $"patient {Cpr}, urgent" }, businessKey);

    /// <summary>Runs a one-step flow whose journal line names <paramref name="note"/> (evidence references); returns the instance id.</summary>
    public static Task<string> ExecuteWithEvidenceAsync(WebAppFixture fixture, string businessKey, string note) =>
        RunAsync(fixture, EvidenceWorkflowId, EvidenceFlow, () => _evidencePublished, () => _evidencePublished = true, new { note }, businessKey);

    private static async Task<string> RunAsync(WebAppFixture fixture, string workflowId, string flow, Func<bool> published, Action markPublished, object input, string businessKey)
    {
        await fixture.Server.CreateUserAsync("audit-runner", mustChangePassword: false, "ProcessOwner", "Operator");
        using var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Server.BaseAddress };
        await EnsureAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName = "audit-runner", password = WebAppServer.UserPassword }), "signing in");

        await Published.WaitAsync();
        try
        {
            if (!published())
            {
                var created = await client.PostAsync("/api/definitions", new StringContent(flow, Encoding.UTF8, "application/json"));
                if (created.StatusCode != HttpStatusCode.Conflict)
                {
                    await EnsureAsync(created, "saving the flow");
                    await EnsureAsync(await client.PostAsync($"/api/definitions/{workflowId}/publish", null), "publishing the flow");
                }

                markPublished();
            }
        }
        finally
        {
            Published.Release();
        }

        var started = await client.PostAsJsonAsync($"/api/definitions/{workflowId}/execute", new { input, correlationId = businessKey });
        await EnsureAsync(started, "executing the flow");
        var result = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Finished", result["status"]!.GetValue<string>());
        return result["instanceId"]!.GetValue<string>();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
