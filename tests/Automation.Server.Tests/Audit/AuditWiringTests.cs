using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Server.Security;
using Automation.Server.Tests.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Audit;

/// <summary>
/// The events beyond instances and sign-ins: each is caused by the real action (API call or workflow run) and then
/// looked up by an auditor through <c>/api/audit/events</c>.
/// </summary>
public sealed class AuditWiringTests(AuditFixture fx) : IClassFixture<AuditFixture>
{
    private const string Cpr = "1204871234";

    [Fact]
    public async Task UsersAndTokens_AdminChanges_RecordedWithoutPasswordOrTokenValue()
    {
        const string password = "Correct-Horse-Battery-9";
        await fx.Admin.PostAsJsonAsync("/api/users", new { userName = "audited-user", password, roles = new[] { Roles.Operator } }).ExpectAsync(HttpStatusCode.Created);
        await fx.Admin.PutAsJsonAsync("/api/users/audited-user/roles", new { roles = new[] { Roles.Operator, Roles.Planner } }).ExpectAsync(HttpStatusCode.OK);
        await fx.Admin.PostAsJsonAsync("/api/users/audited-user/reset-password", new { password = password + "x" }).ExpectAsync(HttpStatusCode.NoContent);
        await fx.Admin.PostAsync("/api/users/audited-user/unlock", null).ExpectAsync(HttpStatusCode.NoContent);
        var token = await (await fx.Admin.PostAsJsonAsync("/api/tokens", new { name = "audited-agent", role = Roles.Operator }).ExpectAsync(HttpStatusCode.Created)).ReadObjectAsync();
        await fx.Admin.DeleteAsync($"/api/tokens/{token["id"].Text()}").ExpectAsync(HttpStatusCode.NoContent);
        await fx.Admin.DeleteAsync("/api/users/audited-user").ExpectAsync(HttpStatusCode.NoContent);

        var user = await EventsAsync("user.", "user=admin");
        var tokens = await EventsAsync("token.", "user=admin");
        var text = string.Concat(user.Concat(tokens).Select(e => e!.ToJsonString()));

        Assert.Equal(
            ["user.created", "user.roles-changed", "user.password-reset", "user.unlocked", "user.deleted"],
            user.Where(e => e!["payload"]!["userName"].Text() == "audited-user").Select(e => e!["type"].Text()));
        var roles = user.Single(e => e!["type"].Text() == "user.roles-changed")!["payload"]!;
        Assert.Equal(Roles.Operator, roles["previousRoles"].Text());
        Assert.Contains(Roles.Planner, roles["roles"].Text(), StringComparison.Ordinal);
        Assert.Equal(["token.created", "token.revoked"], tokens.Where(e => e!["payload"]!["name"].Text() == "audited-agent").Select(e => e!["type"].Text()));
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token["token"].Text(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_StoredUsedDeleted_RecordedByNameNeverByValue()
    {
        const string secret = "s3cret-Value-For-Audit";
        await fx.Admin.PutAsJsonAsync("/api/credentials/audited-pas", new { fields = new { userName = "robot", password = secret }, targetSystem = "pas" }).ExpectAsync(HttpStatusCode.Created);
        var used = await fx.Factory.Services.GetRequiredService<ICredentialStore>().GetAsync("audited-pas", CancellationToken.None);
        await fx.Admin.DeleteAsync("/api/credentials/audited-pas").ExpectAsync(HttpStatusCode.NoContent);

        var events = (await EventsAsync("credential.", "after=0")).Where(e => e!["payload"]!["credential"].Text() == "audited-pas").ToList();

        Assert.NotNull(used);
        Assert.Equal(["credential.stored", "credential.used", "credential.deleted"], events.Select(e => e!["type"].Text()));
        Assert.Equal("pas", events[1]!["target"].Text());
        Assert.Equal(["password", "userName"], events[1]!["payload"]!["fieldNames"]!.AsArray().Select(f => f.Text()));
        Assert.DoesNotContain(secret, string.Concat(events.Select(e => e!.ToJsonString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefinitionDraft_SaveImportDelete_RecordedWithWhatChanged()
    {
        var five = TestFlows.FiveSteps("audited-draft");
        await fx.Owner.PostAsync("/api/definitions", Json(five)).ExpectAsync(HttpStatusCode.Created);
        var fewer = JsonNode.Parse(five)!.AsObject();
        fewer["root"]!["activities"]!.AsArray().RemoveAt(4);
        fewer["root"]!["connections"]!.AsArray().RemoveAt(3);
        await fx.Owner.PutAsync("/api/definitions/audited-draft/draft", Json(fewer.ToJsonString())).ExpectAsync(HttpStatusCode.OK);
        await fx.Owner.PostAsync("/api/definitions/import", Json(five)).ExpectAsync(HttpStatusCode.OK);
        await fx.Owner.DeleteAsync("/api/definitions/audited-draft/draft").ExpectAsync(HttpStatusCode.NoContent);

        var events = await EventsAsync("definition.", "workflow=audited-draft");

        Assert.Equal(["definition.draft-saved", "definition.draft-saved", "definition.imported", "definition.draft-deleted"], events.Select(e => e!["type"].Text()));
        Assert.Equal(["s5"], events[1]!["payload"]!["removed"]!.AsArray().Select(a => a.Text()));
        Assert.Equal(["s5"], events[2]!["payload"]!["added"]!.AsArray().Select(a => a.Text()));
        Assert.All(events, e => Assert.Equal("owner", e!["actor"].Text()));
    }

    [Fact]
    public async Task PlacesImport_FileWithBadRow_RecordedWithFileKindAndCounts()
    {
        var csv = "id,name,kind,lat,lon,address,notes\n"
            + "0c7e3b52-5d59-4a71-a2d1-8b58b1f0e211,Good point,pick-up-point,56.2,10.1,,\n"
            + "0c7e3b52-5d59-4a71-a2d1-8b58b1f0e212,Swapped point,pick-up-point,10.1,56.2,,\n";
        var response = await fx.Admin.PostAsync("/api/places/import?file=audited.csv&kind=meeting-points", new StringContent(csv));

        var imported = (await EventsAsync("places.imported", "user=admin")).Single(e => e!["payload"]!["file"].Text() == "audited.csv")!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Rejected", imported["outcome"].Text());
        Assert.Equal("MeetingPoints", imported["payload"]!["kind"].Text());
        Assert.Equal(1, imported["payload"]!["rejected"]!.GetValue<int>());
        Assert.Equal("admin", imported["actor"].Text());
    }

    [Fact]
    public async Task ActivityEvent_LogActivity_CarriesItsJournalLinesMasked()
    {
        await Api.PublishAsync(fx.Owner, LogFlow("audited-log"));
        var run = await (await Api.ExecuteAsync(fx.Operator, "audited-log").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        var activity = (await EventsAsync("activity.executed", $"instance={run["instanceId"].Text()}")).Single()!;
        var log = activity["payload"]!["log"]!.AsArray().Select(l => l.Text()).ToList();

        Assert.Contains(log, l => l.StartsWith("Selector 'role=textbox name=CPR' matched; wrote ", StringComparison.Ordinal));
        Assert.DoesNotContain(Cpr, activity.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The events matching <paramref name="query"/> whose type starts with <paramref name="typePrefix"/>, oldest first.</summary>
    private async Task<List<JsonNode?>> EventsAsync(string typePrefix, string query)
    {
        var items = (await (await fx.Auditor.GetAsync($"/api/audit/events?{query}&limit=1000").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync())["items"]!.AsArray();
        return [.. items.Where(e => e!["type"].Text().StartsWith(typePrefix, StringComparison.Ordinal))];
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>One Log step writing a line shaped like a robot step's, with a CPR number in it.</summary>
    private static string LogFlow(string id) => $$"""
        {
          "id": "{{id}}", "name": "Log {{id}}",
          "root": {
            "activities": [
              { "id": "step", "type": "Log", "inputs": { "message": "Selector 'role=textbox name=CPR' matched; wrote {{Cpr}}; read back equal" } }
            ],
            "connections": []
          }
        }
        """;
}
