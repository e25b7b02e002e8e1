using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Automation.LoadTest;

/// <summary>What a person would do before the load: sign in as the first administrator, publish the workflow, and make an Operator API token.</summary>
internal static class ApiSession
{
    /// <summary>Signs in (changing the one-time password if asked), publishes <paramref name="definitionIds"/> and returns a new Operator token.</summary>
    public static async Task<string> PrepareAsync(Uri server, string adminPassword, IEnumerable<string> definitionIds, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var admin = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var session = await ReadAsync(await admin.PostAsJsonAsync("auth/login".AsApi(), new { userName = "admin", password = adminPassword }, cancellationToken), "sign-in", cancellationToken);
        if (session["mustChangePassword"]?.GetValue<bool>() == true)
        {
            var newPassword = adminPassword + "-Changed-1";
            await ReadAsync(await admin.PostAsJsonAsync("auth/change-password".AsApi(), new { currentPassword = adminPassword, newPassword }, cancellationToken), "password change", cancellationToken);
            await ReadAsync(await admin.PostAsJsonAsync("auth/login".AsApi(), new { userName = "admin", password = newPassword }, cancellationToken), "sign-in with the new password", cancellationToken);
        }

        foreach (var id in definitionIds)
        {
            using var body = new StringContent(LoadFlow.Json(id), Encoding.UTF8, "application/json");
            await ReadAsync(await admin.PostAsync("definitions".AsApi(), body, cancellationToken), $"creating {id}", cancellationToken);
            await ReadAsync(await admin.PostAsync($"definitions/{id}/publish".AsApi(), null, cancellationToken), $"publishing {id}", cancellationToken);
        }

        var token = await ReadAsync(await admin.PostAsJsonAsync("tokens".AsApi(), new { name = "load-check", role = "Operator" }, cancellationToken), "creating the API token", cancellationToken);
        return token["token"]?.GetValue<string>() ?? throw new InvalidOperationException($"The token answer has no 'token': {token.ToJsonString()}");
    }

    /// <summary>A client for the load itself: the token, and enough pooled connections for every request in flight.</summary>
    public static HttpClient LoadClient(Uri server, string token, int concurrency)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Uri AsApi(this string path) => new($"/api/{path}", UriKind.Relative);

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string step, CancellationToken cancellationToken)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{step} failed: {(int)response.StatusCode} {text}");
            }

            return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
        }
    }
}
