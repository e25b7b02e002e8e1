using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Vault;

public sealed class CredentialNamesApiTests
{
    // Distinctive, so finding it in the answer is a leak and not a coincidence.
    private readonly string _password = "Pw-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task CredentialNames_AsProcessOwner_ListsNamesSystemsAndFieldNamesButNoValueOrDescription()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();
        (await admin.PutAsJsonAsync("/api/credentials/sp-robot", new { fields = new { userName = "robot-01", password = _password }, description = "Secret-ish note", targetSystem = "Sundhedsplatformen" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/credentials/fhir-key", new { fields = new { apiKey = _password + "-key" } })).EnsureSuccessStatusCode();
        using var owner = await factory.SignedInAsAsync("owner-picker", "ProcessOwner");
        using var planner = await factory.SignedInAsAsync("planner-picker", "Planner");

        var answer = await owner.GetAsync("/api/credential-names");
        var refused = await planner.GetAsync("/api/credential-names");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        var rows = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(["fhir-key", "sp-robot"], rows.Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal("Sundhedsplatformen", rows[1]!["targetSystem"]!.GetValue<string>());
        Assert.Equal(["password", "userName"], rows[1]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.DoesNotContain(_password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("robot-01", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-ish note", text, StringComparison.Ordinal);
    }
}
