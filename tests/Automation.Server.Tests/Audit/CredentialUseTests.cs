using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Automation.Server.Security;
using Automation.Server.Tests.Definitions;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Audit;

/// <summary>A workflow's HTTP call signs in with a vault credential: the run log says which credential, for which run and step.</summary>
public sealed class CredentialUseTests : IDisposable
{
    private const string Secret = "Http-Secret-For-Audit-7";

    private readonly HttpListener _api = new();
    private readonly int _port = FreePort();
    private readonly Task _serving;
    private string? _authorization;

    public CredentialUseTests()
    {
        _api.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _api.Start();
        _serving = Task.Run(ServeAsync);
    }

    public void Dispose()
    {
        _api.Abort();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task HttpCall_WithABasicAuthConnection_RecordsCredentialUsedWithInstanceAndActivityButNoSecret()
    {
        // Arrange: a connection whose Basic credential is in the vault, and a flow calling it.
        using var server = new ServerFactory()
            .With("Automation:Connections:audited-api:BaseUrl", $"http://127.0.0.1:{_port}/")
            .With("Automation:Connections:audited-api:Authentication", "Basic")
            .With("Automation:Connections:audited-api:Credential", "audited-http");
        using var admin = await server.AdminAsync();
        using var owner = await server.SignedInAsAsync("cred-owner", Roles.ProcessOwner, Roles.Operator);
        using var auditor = await server.SignedInAsAsync("cred-auditor", Roles.Auditor);
        await admin.PutAsJsonAsync("/api/credentials/audited-http", new { fields = new { userName = "robot", password = Secret }, targetSystem = "referrals" }).ExpectAsync(HttpStatusCode.Created);
        await Api.PublishAsync(owner, Flow);

        // Act
        var run = await (await Api.ExecuteAsync(owner, "audited-http-call", new { correlationId = "REF-77" }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var instanceId = run["instanceId"].Text();
        var body = await (await auditor.GetAsync($"/api/audit/events?type=credential.used&instance={instanceId}").ExpectAsync(HttpStatusCode.OK)).Content.ReadAsStringAsync();

        // Assert: the call really signed in; one credential.used of this run and step; never the password.
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:" + Secret)), _authorization);
        var used = Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(body)!["items"]!.AsArray());
        Assert.Equal(instanceId, used!["instanceId"].Text());
        Assert.Equal("REF-77", used["businessKey"].Text());
        Assert.Equal("audited-http-call", used["workflowId"].Text());
        Assert.Equal("referrals", used["target"].Text());
        Assert.Equal("audited-http", used["payload"]!["credential"].Text());
        Assert.Equal("fetch", used["payload"]!["activityId"].Text());
        Assert.Equal("HttpCall", used["payload"]!["activityType"].Text());
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }

    private const string Flow = """
        {
          "id": "audited-http-call", "name": "Audited HTTP call",
          "root": {
            "activities": [
              { "id": "fetch", "type": "HttpCall", "inputs": { "connection": "audited-api", "path": "referrals/1", "expectedStatusCodes": [200] } }
            ],
            "connections": []
          }
        }
        """;

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _api.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _authorization = context.Request.Headers["Authorization"];
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync("{\"id\":1}"u8.ToArray());
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
