using System.Text.Json.Nodes;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Fhir;

public sealed class FhirTransactionTests
{
    private const string PatientUrl = "urn:uuid:3f2a9c1e-8b7d-4e6f-a5c4-2d1b0e9f8a76";

    private const string PatientEntry = $$"""
        { "fullUrl": "{{PatientUrl}}", "resource": { "resourceType": "Patient", "name": [{ "family": "Nielsen" }] }, "request": { "method": "POST", "url": "Patient" } }
        """;

    private const string OrderEntry = $$"""
        { "resource": { "resourceType": "ServiceRequest", "status": "active", "intent": "order", "subject": { "reference": "{{PatientUrl}}" } }, "request": { "method": "POST", "url": "ServiceRequest" } }
        """;

    [Fact]
    public async Task FhirTransaction_TwoEntries_CreatesBothAndResolvesTheReference()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var flow = FhirTestBed.Flow($$"""
            { "id": "tx", "type": "FhirTransaction", "inputs": { "connection": "ehr", "bundle": [ {{PatientEntry}}, {{OrderEntry}} ], "resultVariable": "a" } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var entries = result.Output["a"]!["entry"]!.AsArray();
        Assert.Equal(["201 Created", "201 Created"], entries.Select(e => e!["response"]!["status"]!.GetValue<string>()));
        var patientId = entries[0]!["resource"]!["id"]!.GetValue<string>();
        var orderId = entries[1]!["resource"]!["id"]!.GetValue<string>();
        var stored = JsonNode.Parse(bed.Server.Get("ServiceRequest", orderId)!)!;
        Assert.Equal($"Patient/{patientId}", stored["subject"]!["reference"]!.GetValue<string>());
        Assert.Equal(1, bed.Server.Count("Patient"));
        Assert.Equal(1, bed.Server.Count("ServiceRequest"));
    }

    [Fact]
    public async Task FhirTransaction_ConditionalEntriesRunTwice_CreatesEachResourceOnce()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var conditional = $$"""
            { "fullUrl": "{{PatientUrl}}", "resource": { "resourceType": "Patient", "identifier": [{ "system": "{{FhirTestBed.Cpr}}", "value": "0303701234" }] },
              "request": { "method": "POST", "url": "Patient", "ifNoneExist": "identifier={{FhirTestBed.Cpr}}|0303701234" } }
            """;
        var order = $$"""
            { "resource": { "resourceType": "ServiceRequest", "status": "active", "intent": "order", "identifier": [{ "system": "urn:transport", "value": "T-77" }], "subject": { "reference": "{{PatientUrl}}" } },
              "request": { "method": "POST", "url": "ServiceRequest", "ifNoneExist": "identifier=urn:transport|T-77" } }
            """;
        var flow = FhirTestBed.Flow($$"""
            { "id": "tx", "type": "FhirTransaction", "inputs": { "connection": "ehr", "bundle": [ {{conditional}}, {{order}} ], "resultVariable": "a" } }
            """);

        await bed.RunAsync(flow);
        var second = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Finished, second.Status);
        Assert.Equal(["200 OK", "200 OK"], second.Output["a"]!["entry"]!.AsArray().Select(e => e!["response"]!["status"]!.GetValue<string>()));
        Assert.Equal(1, bed.Server.Count("Patient"));
        Assert.Equal(1, bed.Server.Count("ServiceRequest"));
    }

    [Fact]
    public async Task FhirTransaction_EntryTheServerRejects_CreatesNothing()
    {
        await using var bed = await FhirTestBed.StartAsync();
        const string Rejected = """
            { "resource": { "resourceType": "Patient", "name": [{ "family": "Uden id" }] }, "request": { "method": "PUT", "url": "Patient" } }
            """;
        var flow = FhirTestBed.Flow($$"""
            { "id": "tx", "type": "FhirTransaction", "inputs": { "connection": "ehr", "bundle": { "resourceType": "Bundle", "type": "transaction", "entry": [ {{PatientEntry}}, {{OrderEntry}}, {{Rejected}} ] } } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("400", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("Transaction entry 2 failed, nothing was changed", result.Incident.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Server.Count("Patient"));
        Assert.Equal(0, bed.Server.Count("ServiceRequest"));
    }

    [Fact]
    public async Task FhirTransaction_InvalidResourceInAnEntry_FaultsNamingItAndSendsNothing()
    {
        await using var bed = await FhirTestBed.StartAsync();
        const string Invalid = """
            { "resource": { "resourceType": "ServiceRequest", "status": "maybe", "intent": "order", "subject": { "reference": "Patient/1" } }, "request": { "method": "POST", "url": "ServiceRequest" } }
            """;
        var flow = FhirTestBed.Flow($$"""
            { "id": "tx", "type": "FhirTransaction", "inputs": { "connection": "ehr", "bundle": [ {{PatientEntry}}, {{Invalid}} ] } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("'maybe'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("entry[1].resource", result.Incident.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Server.Control.Requests);
        Assert.Equal(0, bed.Server.Count("Patient"));
    }
}
