using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.LoadTest;

/// <summary>The two ways a client starts instances through the API: execute (waits for the result) and dispatch (answers at once).</summary>
internal sealed class ApiLoad(HttpClient client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>POST execute; the instance counts as finished when the answer is 200 with status Finished and the expected count.</summary>
    public async Task<bool> ExecuteAsync(string definitionId, int index, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync($"definitions/{definitionId}/execute".AsApi(), new { correlationId = $"execute-{index}" }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"execute #{index} answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        return root.GetProperty("status").GetString() == "Finished"
            && root.GetProperty("output").GetProperty("count").GetInt32() == LoadFlow.Steps;
    }

    /// <summary>POST dispatch; must answer 202 with an instance id (the instance finishes later).</summary>
    public async Task<bool> DispatchAsync(string definitionId, int index, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync($"definitions/{definitionId}/dispatch".AsApi(), new { correlationId = $"dispatch-{index}" }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted || !text.Contains("\"instanceId\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"dispatch #{index} answered {(int)response.StatusCode}: {text}");
        }

        return false;
    }

    /// <summary>How many instances of the definition have <paramref name="status"/>, from the list's total.</summary>
    public async Task<int> CountAsync(string definitionId, string status, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"instances?definitionId={definitionId}&status={status}&take=1".AsApi(), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("total").GetInt32();
    }

    /// <summary>Polls the instance list until <paramref name="expected"/> are Finished; returns when that was seen.</summary>
    public async Task<TimeSpan> WaitAllFinishedAsync(string definitionId, int expected, Stopwatch since, CancellationToken cancellationToken)
    {
        using var poll = new PeriodicTimer(PollInterval);
        while (true)
        {
            var finished = await CountAsync(definitionId, "Finished", cancellationToken);
            if (finished >= expected)
            {
                return since.Elapsed;
            }

            var faulted = await CountAsync(definitionId, "Faulted", cancellationToken);
            if (faulted > 0)
            {
                throw new InvalidOperationException($"{faulted} dispatched instances of {definitionId} faulted; GET /api/instances?status=Faulted shows why.");
            }

            // Bounded by the run's time limit through the token.
            await poll.WaitForNextTickAsync(cancellationToken);
        }
    }
}
