using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Automation.Connectors.Tests.Fhir;

/// <summary>The test server's wire behaviour that the activity tests do not show directly.</summary>
public sealed class FhirTestServerTests
{
    [Fact]
    public async Task Create_NewPatient_Answers201WithLocationAndETag()
    {
        await using var server = await FhirTestServer.FhirTestServer.StartAsync(0, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await client.PostAsync("Patient", Fhir("""{ "resourceType": "Patient", "name": [{ "family": "Holm" }] }"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Uri(server.BaseUrl, "Patient/1/_history/1"), response.Headers.Location);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Read_UnknownResourceType_Answers404WithOperationOutcome()
    {
        await using var server = await FhirTestServer.FhirTestServer.StartAsync(0, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await client.GetAsync("Patientt/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("OperationOutcome", outcome["resourceType"]!.GetValue<string>());
        Assert.Contains("Unknown resource type 'Patientt'", outcome["issue"]![0]!["diagnostics"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InvalidResource_Answers400NamingTheField()
    {
        await using var server = await FhirTestServer.FhirTestServer.StartAsync(0, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await client.PostAsync("Patient", Fhir("""{ "resourceType": "Patient", "gender": "blue" }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("At Patient.gender", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, server.Count("Patient"));
    }

    private static StringContent Fhir(string json) => new(json, Encoding.UTF8, "application/fhir+json");
}
