using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Automation.Server.Tests.Definitions;

/// <summary>The calls the API tests make again and again, each asserting the status a user would get.</summary>
internal static class Api
{
    /// <summary>How long a test waits for a background instance before it fails.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("The response body is empty.");

    public static async Task<JsonArray> ReadArrayAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonArray>() ?? throw new InvalidOperationException("The response body is empty.");

    /// <summary>Asserts the status, showing the body when it differs (the body says why).</summary>
    public static async Task<HttpResponseMessage> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status} {status} but got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    /// <summary>Creates the draft and publishes it; returns the published version.</summary>
    public static async Task<JsonObject> PublishAsync(HttpClient owner, string definitionJson)
    {
        var id = JsonNode.Parse(definitionJson)!["id"]!.GetValue<string>();
        var created = await owner.PostAsync("/api/definitions", Json(definitionJson));
        if (created.StatusCode == HttpStatusCode.Conflict)
        {
            await owner.PutAsync($"/api/definitions/{id}/draft", Json(definitionJson)).ExpectAsync(HttpStatusCode.OK);
        }
        else if (created.StatusCode != HttpStatusCode.Created)
        {
            Assert.Fail($"Creating '{id}' gave {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        return await (await owner.PostAsync($"/api/definitions/{id}/publish", null).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
    }

    /// <summary>POST /execute with a body; returns the response for the caller to check its status.</summary>
    public static Task<HttpResponseMessage> ExecuteAsync(HttpClient client, string id, object? body = null) =>
        client.PostAsJsonAsync($"/api/definitions/{id}/execute", body ?? new { });

    public static async Task<JsonObject> GetInstanceAsync(HttpClient client, string instanceId) =>
        await (await client.GetAsync($"/api/instances/{instanceId}").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

    /// <summary>Polls the instance until it has <paramref name="status"/>; fails with its last state after <see cref="WaitLimit"/>.</summary>
    public static async Task<JsonObject> WaitForStatusAsync(HttpClient client, string instanceId, string status)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        JsonObject instance;
        do
        {
            instance = await GetInstanceAsync(client, instanceId);
            if (instance["status"]?.GetValue<string>() == status)
            {
                return instance;
            }
        }
        while (await WaitTickAsync(poll, limit.Token));

        Assert.Fail($"Instance {instanceId} did not reach {status} within {WaitLimit.TotalSeconds} s; last seen: {instance.ToJsonString()}");
        return instance;
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static string Text(this JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("Expected a string, found nothing.");
}
