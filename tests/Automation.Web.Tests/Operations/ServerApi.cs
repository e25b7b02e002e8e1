using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Web.Tests.Infrastructure;

namespace Automation.Web.Tests.Operations;

/// <summary>
/// The server's API as a signed-in user outside the browser, for what a test needs to exist before a page shows it
/// (published workflows, instances). The browser then does what the user does.
/// </summary>
public sealed class ServerApi : IDisposable
{
    private readonly HttpClient _client;

    private ServerApi(HttpClient client) => _client = client;

    /// <summary>Signs in a new user with <paramref name="roles"/> (ProcessOwner to publish, Operator to run).</summary>
    public static async Task<ServerApi> SignInAsync(WebAppFixture fixture, string userName, params string[] roles)
    {
        await fixture.Server.CreateUserAsync(userName, mustChangePassword: false, roles);
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Server.BaseAddress };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = WebAppServer.UserPassword });
        await EnsureAsync(login, "signing in " + userName);
        return new ServerApi(client);
    }

    /// <summary>Creates or replaces the draft <paramref name="json"/> and publishes it.</summary>
    public async Task PublishAsync(string json)
    {
        var id = JsonNode.Parse(json)!["id"]!.GetValue<string>();
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        var created = await _client.PostAsync("/api/definitions", content);
        if (created.StatusCode == HttpStatusCode.Conflict)
        {
            created = await _client.PutAsync($"/api/definitions/{id}/draft", new StringContent(json, Encoding.UTF8, "application/json"));
        }

        await EnsureAsync(created, "saving " + id);
        await EnsureAsync(await _client.PostAsync($"/api/definitions/{id}/publish", null), "publishing " + id);
    }

    /// <summary>Starts the latest published version and returns the instance's id and status once it stops or suspends.</summary>
    public async Task<(string Id, string Status)> ExecuteAsync(string definitionId, object? body = null)
    {
        var response = await _client.PostAsJsonAsync($"/api/definitions/{definitionId}/execute", body ?? new { });
        await EnsureAsync(response, "starting " + definitionId);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (result["instanceId"]!.GetValue<string>(), result["status"]!.GetValue<string>());
    }

    public async Task<JsonObject> InstanceAsync(string id)
    {
        var response = await _client.GetAsync($"/api/instances/{id}");
        await EnsureAsync(response, "reading instance " + id);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public void Dispose() => _client.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
