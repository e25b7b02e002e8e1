using System.Text.Json.Nodes;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Fhir;

public sealed class FhirActivityTests
{
    private const string Patient = $$"""
        { "resourceType": "Patient", "identifier": [{ "system": "{{FhirTestBed.Cpr}}", "value": "0101501234" }], "name": [{ "family": "Jensen", "given": ["Karen"] }], "birthDate": "1950-01-01" }
        """;

    [Fact]
    public async Task FhirCreate_PatientAndServiceRequest_ReadBackAsSent()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var flow = FhirTestBed.Flow(
            $$"""{ "id": "patient", "type": "FhirCreate", "inputs": { "connection": "ehr", "resource": {{Patient}}, "resultVariable": "a" } }""",
            """
            { "id": "order", "type": "FhirCreate", "inputs": { "connection": "ehr", "resultVariable": "b", "resource": { "js": "({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', code: { text: 'Liggende transport' }, subject: { reference: 'Patient/' + variables.a.id } })" } } }
            """,
            """{ "id": "readPatient", "type": "FhirRead", "inputs": { "connection": "ehr", "resourceType": "Patient", "id": { "js": "variables.a.id" }, "resultVariable": "c" } }""",
            """{ "id": "readOrder", "type": "FhirRead", "inputs": { "connection": "ehr", "resourceType": "ServiceRequest", "id": { "js": "variables.b.id" }, "resultVariable": "d" } }""");

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var patientId = result.Output["a"]!["id"]!.GetValue<string>();
        Assert.True(result.Output["a"]!["created"]!.GetValue<bool>());
        var patient = result.Output["c"]!;
        Assert.Equal("Jensen", patient["name"]![0]!["family"]!.GetValue<string>());
        Assert.Equal("0101501234", patient["identifier"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("1950-01-01", patient["birthDate"]!.GetValue<string>());
        var order = result.Output["d"]!;
        Assert.Equal("Liggende transport", order["code"]!["text"]!.GetValue<string>());
        Assert.Equal($"Patient/{patientId}", order["subject"]!["reference"]!.GetValue<string>());
        Assert.Equal(1, bed.Server.Count("Patient"));
        Assert.Equal(1, bed.Server.Count("ServiceRequest"));
    }

    [Fact]
    public async Task FhirCreate_ConditionalCreateRunTwice_CreatesOneResource()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var flow = FhirTestBed.Flow($$"""
            { "id": "patient", "type": "FhirCreate", "inputs": { "connection": "ehr", "resource": {{Patient}}, "ifNoneExist": "identifier={{FhirTestBed.Cpr}}|0101501234", "resultVariable": "a" } }
            """);

        var first = await bed.RunAsync(flow);
        var second = await bed.RunAsync(flow);

        Assert.Equal(1, bed.Server.Count("Patient"));
        Assert.True(first.Output["a"]!["created"]!.GetValue<bool>());
        Assert.False(second.Output["a"]!["created"]!.GetValue<bool>());
        Assert.Equal(first.Output["a"]!["id"]!.GetValue<string>(), second.Output["a"]!["id"]!.GetValue<string>());
        Assert.Contains(await bed.JournalLogAsync(second, "patient"), l => l.Contains("already exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FhirCreate_ConditionMatchesTwoResources_FaultsWith412Diagnostics()
    {
        await using var bed = await FhirTestBed.StartAsync();
        bed.Server.Add(Patient);
        bed.Server.Add(Patient);
        var flow = FhirTestBed.Flow($$"""
            { "id": "patient", "type": "FhirCreate", "inputs": { "connection": "ehr", "resource": {{Patient}}, "ifNoneExist": "identifier={{FhirTestBed.Cpr}}|0101501234" } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("412", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("error multiple-matches: If-None-Exist", result.Incident.Message, StringComparison.Ordinal);
        Assert.Equal(2, bed.Server.Count("Patient"));
    }

    [Fact]
    public async Task FhirCreate_InvalidResource_FaultsNamingTheFieldAndSendsNothing()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var flow = FhirTestBed.Flow("""
            { "id": "patient", "type": "FhirCreate", "inputs": { "connection": "ehr", "resource": { "resourceType": "Patient", "birthDate": "1. januar 1950" } } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("Patient.birthDate", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("'resource' of activity 'patient'", result.Incident.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Server.Control.Requests);
    }

    [Fact]
    public async Task FhirUpdate_ChangedName_StoresNextVersion()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var id = bed.Server.Add(Patient);
        var flow = FhirTestBed.Flow($$"""
            { "id": "update", "type": "FhirUpdate", "inputs": { "connection": "ehr", "resultVariable": "a", "resource": { "resourceType": "Patient", "id": "{{id}}", "name": [{ "family": "Jensen-Holm" }] } } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("2", result.Output["a"]!["meta"]!["versionId"]!.GetValue<string>());
        Assert.Contains("Jensen-Holm", bed.Server.Get("Patient", id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FhirSearch_ThreePages_ReturnsEveryMatch()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var wanted = Enumerable.Range(1, 7).Select(i => bed.Server.Add(Order("Patient/1", $"T-{i}"))).ToList();
        bed.Server.Add(Order("Patient/2", "T-other"));
        var flow = FhirTestBed.Flow("""
            { "id": "search", "type": "FhirSearch", "inputs": { "connection": "ehr", "resourceType": "ServiceRequest", "query": { "subject": "Patient/1", "_count": 3 }, "resultVariable": "a" } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(wanted, result.Output["a"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(3, bed.Server.Control.Requests.Count(r => r.StartsWith("GET /fhir/ServiceRequest", StringComparison.Ordinal)));
        Assert.Contains("FHIR search of ServiceRequest: 7 resources in 3 pages.", await bed.JournalLogAsync(result, "search"));
    }

    [Fact]
    public async Task FhirSearch_MorePagesThanMaxPages_StopsAndSaysSo()
    {
        await using var bed = await FhirTestBed.StartAsync();
        for (var i = 1; i <= 7; i++)
        {
            bed.Server.Add(Order("Patient/1", $"T-{i}"));
        }

        var flow = FhirTestBed.Flow("""
            { "id": "search", "type": "FhirSearch", "inputs": { "connection": "ehr", "resourceType": "ServiceRequest", "query": "patient=1&_count=3", "maxPages": 2, "resultVariable": "a" } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(6, result.Output["a"]!.AsArray().Count);
        Assert.Contains(await bed.JournalLogAsync(result, "search"), l => l.Contains("stopped after 2 pages with more results left", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FhirSearch_ServerAnswers400_FaultsWithTheOperationOutcome()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var flow = FhirTestBed.Flow("""
            { "id": "search", "type": "FhirSearch", "inputs": { "connection": "ehr", "resourceType": "Patient", "query": { "shoeSize": "44" } } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("400", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("error not-supported: Search parameter 'shoeSize' is not supported", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FhirRead_UnknownId_TakesNotFound()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var flow = FhirTestBed.Flow("""
            { "id": "read", "type": "FhirRead", "inputs": { "connection": "ehr", "resourceType": "Patient", "id": "404", "resultVariable": "a" } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Contains("not found", bed.Host.Log.Lines);
        Assert.Null(result.Output["a"]);
    }

    [Fact]
    public async Task FhirRead_UnknownConnection_FaultsListingTheConfiguredOnes()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var flow = FhirTestBed.Flow("""
            { "id": "read", "type": "FhirRead", "inputs": { "connection": "nowhere", "resourceType": "Patient", "id": "1" } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("There is no connection 'nowhere'. Configured connections: ehr", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FhirRead_ResourceTypeInWrongCase_FaultsBeforeCalling()
    {
        await using var bed = await FhirTestBed.StartAsync();
        var flow = FhirTestBed.Flow("""
            { "id": "read", "type": "FhirRead", "inputs": { "connection": "ehr", "resourceType": "patient", "id": "1" } }
            """);

        var result = await bed.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("'patient', which is not a FHIR R4 resource type", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Server.Control.Requests);
    }

    private static string Order(string subject, string code) => $$"""
        { "resourceType": "ServiceRequest", "status": "active", "intent": "order", "code": { "text": "{{code}}" }, "subject": { "reference": "{{subject}}" } }
        """;
}
