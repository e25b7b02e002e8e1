using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Automation.Server.Tests.Scheduling;

/// <summary>API calls the scheduling and HTTP trigger tests share, and waiting on the server without fixed sleeps.</summary>
internal static class Calls
{
    /// <summary>How long a test waits for the scheduler before it fails.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Saves <paramref name="definitionJson"/> as the draft of its id and publishes it; returns the publish response.</summary>
    public static async Task<HttpResponseMessage> TryPublishAsync(HttpClient owner, string definitionJson)
    {
        var id = JsonNode.Parse(definitionJson)!["id"]!.GetValue<string>();
        var created = await owner.PostAsync("/api/definitions", Json(definitionJson));
        if (created.StatusCode == HttpStatusCode.Conflict)
        {
            await ExpectAsync(owner.PutAsync($"/api/definitions/{id}/draft", Json(definitionJson)), HttpStatusCode.OK);
        }
        else
        {
            await ExpectAsync(Task.FromResult(created), HttpStatusCode.Created);
        }

        return await owner.PostAsync($"/api/definitions/{id}/publish", null);
    }

    public static async Task PublishAsync(HttpClient owner, string definitionJson) =>
        await ExpectAsync(TryPublishAsync(owner, definitionJson), HttpStatusCode.OK);

    /// <summary>Asserts the status, showing the body when it differs (the body says why).</summary>
    public static async Task<HttpResponseMessage> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status} {status} but got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("The response body is empty.");

    /// <summary>The instances of <paramref name="definitionId"/>, newest first.</summary>
    public static async Task<JsonArray> InstancesAsync(HttpClient client, string definitionId)
    {
        var page = await (await ExpectAsync(client.GetAsync($"/api/instances?definitionId={definitionId}&take=200"), HttpStatusCode.OK)).ReadObjectAsync();
        return page["items"]!.AsArray();
    }

    public static async Task<JsonObject> InstanceAsync(HttpClient client, string instanceId) =>
        await (await ExpectAsync(client.GetAsync($"/api/instances/{instanceId}"), HttpStatusCode.OK)).ReadObjectAsync();

    /// <summary>Polls <paramref name="probe"/> until it returns a value; fails with <paramref name="what"/> after <see cref="WaitLimit"/>.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            if (await probe() is { } value)
            {
                return value;
            }
        }
        while (await TickAsync(poll, limit.Token));

        Assert.Fail($"Waited {WaitLimit.TotalSeconds} s for {what}.");
        return null!;
    }

    /// <summary>Waits until <paramref name="definitionId"/> has at least <paramref name="count"/> instances; returns them.</summary>
    public static Task<JsonArray> WaitForInstancesAsync(HttpClient client, string definitionId, int count) =>
        WaitForAsync(async () => await InstancesAsync(client, definitionId) is { } items && items.Count >= count ? items : null, $"{count} instances of '{definitionId}'");

    /// <summary>Waits until the instance has <paramref name="status"/>; returns it.</summary>
    public static Task<JsonObject> WaitForStatusAsync(HttpClient client, string instanceId, string status) =>
        WaitForAsync(async () => await InstanceAsync(client, instanceId) is { } instance && instance["status"]?.GetValue<string>() == status ? instance : null, $"instance {instanceId} to be {status}");

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
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
}
