using System.Diagnostics;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Fhir;

/// <summary>Transient failures go through the connection's real resilience pipeline and show in the activity's journal.</summary>
public sealed class FhirResilienceTests
{
    private const string Read = """
        { "id": "read", "type": "FhirRead", "inputs": { "connection": "ehr", "resourceType": "Patient", "id": "1", "resultVariable": "a" } }
        """;

    [Fact]
    public async Task FhirRead_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        await using var bed = await FhirTestBed.StartAsync();
        bed.Server.Add("""{ "resourceType": "Patient", "name": [{ "family": "Berg" }] }""");
        bed.Server.Control.TooManyRequests(1, TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        var result = await bed.RunAsync(FhirTestBed.Flow(Read));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("Berg", result.Output["a"]!["name"]![0]!["family"]!.GetValue<string>());
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"Retried after {watch.Elapsed}, before the Retry-After of 1 s.");
        Assert.Equal(["GET /fhir/Patient/1 → 429", "GET /fhir/Patient/1 → 200"], bed.Server.Control.Requests);
        var log = await bed.JournalLogAsync(result, "read");
        Assert.Contains(log, l => l.Contains("retry 1 of 3", StringComparison.Ordinal) && l.Contains("status 429 (Retry-After 1 s)", StringComparison.Ordinal));
        Assert.Equal("FHIR GET Patient/1 on 'ehr': 200 OK", log[^1]);
    }

    [Fact]
    public async Task FhirCreate_503Twice_RetriesAndCreatesOnce()
    {
        await using var bed = await FhirTestBed.StartAsync();
        bed.Server.Control.Unavailable(2);
        var flow = FhirTestBed.Flow($$"""
            { "id": "create", "type": "FhirCreate", "inputs": { "connection": "ehr", "resource": { "resourceType": "Patient", "identifier": [{ "system": "{{FhirTestBed.Cpr}}", "value": "0202601234" }] }, "ifNoneExist": "identifier={{FhirTestBed.Cpr}}|0202601234", "resultVariable": "a" } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(1, bed.Server.Count("Patient"));
        var log = await bed.JournalLogAsync(result, "create");
        Assert.Equal(2, log.Count(l => l.Contains("after status 503", StringComparison.Ordinal)));
        Assert.Contains("FHIR POST Patient on 'ehr': 201 Created", log);
    }

    [Fact]
    public async Task FhirRead_503BeyondTheRetries_FaultsWithTheOutcome()
    {
        await using var bed = await FhirTestBed.StartAsync(r => r.RetryCount = 1);
        bed.Server.Control.Unavailable(2);

        var result = await bed.RunAsync(FhirTestBed.Flow(Read));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("503", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("error transient: Service unavailable", result.Incident.Message, StringComparison.Ordinal);
        Assert.Equal(2, bed.Server.Control.Requests.Count);
    }

    [Fact]
    public async Task FhirRead_SlowAnswer_TimesOutAndRetries()
    {
        await using var bed = await FhirTestBed.StartAsync(r => r.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        bed.Server.Add("""{ "resourceType": "Patient", "name": [{ "family": "Berg" }] }""");
        bed.Server.Control.Delay(1, TimeSpan.FromSeconds(5));

        var result = await bed.RunAsync(FhirTestBed.Flow(Read));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var log = await bed.JournalLogAsync(result, "read");
        Assert.Contains(log, l => l.Contains("attempt timed out after 0.3 s", StringComparison.Ordinal));
        Assert.Equal("FHIR GET Patient/1 on 'ehr': 200 OK", log[^1]);
    }
}
