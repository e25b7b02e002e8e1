using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Errors;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Definitions;

/// <summary>A process owner's work on definitions through the API: drafts, validation, versions, revert, export and import.</summary>
public sealed class DefinitionsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string ElsaFolder = Path.Combine(ServerFactory.RepositoryRoot, "..", "shared", "data", "elsa");

    [Fact]
    public async Task Validate_DraftMissingAnInput_ListsTheProblemWithItsJsonPath()
    {
        var draft = JsonNode.Parse(TestFlows.Greeting("val-draft"))!.AsObject();
        draft["root"]!["activities"]![1]!["inputs"]!.AsObject().Remove("output");
        await api.Owner.PostAsync("/api/definitions", Api.Json(draft.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        var result = await (await api.Owner.PostAsync("/api/definitions/val-draft/validate", null).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.False(result["valid"]!.GetValue<bool>());
        var problem = Assert.Single(result["problems"]!.AsArray());
        Assert.Equal("$.root.activities[1].inputs.output", problem!["path"].Text());
        Assert.Equal("greet", problem["activityId"].Text());
        Assert.Contains("needs input 'output'", problem["message"].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ThenEditDraft_VersionOneStaysAsPublishedAndRunsUntilVersionTwo()
    {
        var v1 = await Api.PublishAsync(api.Owner, TestFlows.Greeting("versions", "Hello"));
        Assert.Equal(1, v1["version"]!.GetValue<int>());

        await api.Owner.PutAsync("/api/definitions/versions/draft", Api.Json(TestFlows.Greeting("versions", "Hi"))).ExpectAsync(HttpStatusCode.OK);

        var stored1 = await api.Owner.GetStringAsync("/api/definitions/versions?version=1");
        var draft = await api.Owner.GetStringAsync("/api/definitions/versions");
        Assert.StartsWith("'Hello, '", GreetingScript(stored1), StringComparison.Ordinal);
        Assert.StartsWith("'Hi, '", GreetingScript(draft), StringComparison.Ordinal);
        Assert.Equal("Hello, Ann", await GreetAsync("versions"));

        var v2 = await (await api.Owner.PostAsync("/api/definitions/versions/publish", null).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal(2, v2["version"]!.GetValue<int>());
        Assert.Equal("Hi, Ann", await GreetAsync("versions"));
        Assert.Equal(stored1, await api.Owner.GetStringAsync("/api/definitions/versions?version=1"));
        var versions = await (await api.Owner.GetAsync("/api/definitions/versions/versions").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        Assert.Equal([1, 2], versions.Select(v => v!["version"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task Revert_ToVersionOne_DraftIsVersionOneAndPublishingItRunsTheOldBehaviour()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("revert", "Hello"));
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("revert", "Goddag"));
        Assert.Equal("Goddag, Ann", await GreetAsync("revert"));

        var draft = await (await api.Owner.PostAsync("/api/definitions/revert/revert/1", null).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var v3 = await (await api.Owner.PostAsync("/api/definitions/revert/publish", null).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal(0, draft["version"]!.GetValue<int>());
        Assert.Equal(3, v3["version"]!.GetValue<int>());
        Assert.Equal("Hello, Ann", await GreetAsync("revert"));
    }

    [Fact]
    public async Task Revert_ToVersionOne_LeavesVersionOneItselfUnchanged()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("revert-keeps", "Hello"));
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("revert-keeps", "Goddag"));
        var before = await api.Owner.GetStringAsync("/api/definitions/revert-keeps?version=1");

        await api.Owner.PostAsync("/api/definitions/revert-keeps/revert/1", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(before, await api.Owner.GetStringAsync("/api/definitions/revert-keeps?version=1"));
        var run = await (await Api.ExecuteAsync(api.Operator, "revert-keeps", new { input = new { who = "Ann" }, version = 1 }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var instance = await Api.GetInstanceAsync(api.Operator, run["instanceId"].Text());
        Assert.Equal(1, instance["definitionVersion"]!.GetValue<int>());
        Assert.Equal("Hello, Ann", run["output"]!["greeting"].Text());
    }

    [Fact]
    public async Task Revert_ToAVersionThatDoesNotExist_Returns404AndKeepsTheDraft()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("revert-missing"));

        var response = await api.Owner.PostAsync("/api/definitions/revert-missing/revert/7", null);

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "no version 7");
    }

    [Fact]
    public async Task ExportThenImport_PublishedVersion_GivesTheSameDefinitionAsDraft()
    {
        await Api.PublishAsync(api.Owner, TestFlows.FiveSteps("roundtrip"));

        var export = await api.Owner.GetAsync("/api/definitions/roundtrip/export?version=1").ExpectAsync(HttpStatusCode.OK);
        var exported = await export.Content.ReadAsStringAsync();
        var imported = await (await api.Owner.PostAsync("/api/definitions/import", Api.Json(exported)).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var draft = JsonNode.Parse(await api.Owner.GetStringAsync("/api/definitions/roundtrip?version=0"))!;

        Assert.Equal("roundtrip.v1.json", export.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("roundtrip", imported["id"].Text());
        Assert.Equal("automation", imported["format"].Text());
        Assert.Empty(imported["problems"]!.AsArray());
        var expected = JsonNode.Parse(exported)!;
        expected["version"] = 0;
        Assert.True(JsonNode.DeepEquals(expected, draft), $"exported {expected.ToJsonString()}\nimported {draft.ToJsonString()}");
    }

    [Fact]
    public async Task Import_ElsaForkFile_StoresADraftThatPublishesAndRuns()
    {
        var file = await File.ReadAllTextAsync(Path.Combine(ElsaFolder, "07-fork.json"));

        var imported = await (await api.Owner.PostAsync("/api/definitions/import", Api.Json(file)).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var id = imported["id"].Text();
        await api.Owner.PostAsync($"/api/definitions/{id}/publish", null).ExpectAsync(HttpStatusCode.OK);
        var run = await (await Api.ExecuteAsync(api.Operator, id).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("elsa3", imported["format"].Text());
        Assert.DoesNotContain(imported["problems"]!.AsArray(), p => p!["severity"].Text() == "Error");
        Assert.Equal("Finished", run["status"].Text());
        var journal = await (await api.Operator.GetAsync($"/api/instances/{run["instanceId"].Text()}/journal").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        Assert.Equal(3, journal.Count(e => e!["activityType"].Text() == "Log"));
    }

    [Fact]
    public async Task Import_ElsaFileWithCSharpExpressions_Returns400NamingTheExpressionAndStoresNothing()
    {
        var file = await File.ReadAllTextAsync(Path.Combine(ElsaFolder, "11-get-user.json"));
        var id = JsonNode.Parse(file)!["definitionId"].Text();

        var response = await api.Owner.PostAsync("/api/definitions/import", Api.Json(file));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "C# expressions are not supported");
        var errors = problem["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["path"].Text() == "$.root.activities[0].url" && e["message"].Text().Contains("Elsa.FlowSendHttpRequest", StringComparison.Ordinal));
        await Problems.AssertAsync(await api.Owner.GetAsync($"/api/definitions/{id}"), HttpStatusCode.NotFound, id);
    }

    [Fact]
    public async Task DeleteDraft_AfterPublishing_RemovesOnlyTheDraft()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("delete-draft"));
        await api.Owner.PutAsync("/api/definitions/delete-draft/draft", Api.Json(TestFlows.Greeting("delete-draft", "Hej"))).ExpectAsync(HttpStatusCode.OK);

        await api.Owner.DeleteAsync("/api/definitions/delete-draft/draft").ExpectAsync(HttpStatusCode.NoContent);

        await Problems.AssertAsync(await api.Owner.GetAsync("/api/definitions/delete-draft?version=0"), HttpStatusCode.NotFound, "delete-draft");
        await Problems.AssertAsync(await api.Owner.DeleteAsync("/api/definitions/delete-draft/draft"), HttpStatusCode.NotFound, "has no draft");
        Assert.Equal("Hello, Ann", await GreetAsync("delete-draft"));
    }

    [Fact]
    public async Task Create_IdThatExists_Returns409AndLeavesTheDefinitionAlone()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("taken"));

        var response = await api.Owner.PostAsync("/api/definitions", Api.Json(TestFlows.Greeting("taken", "Overwritten")));

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "PUT /api/definitions/taken/draft");
        await Problems.AssertAsync(await api.Owner.GetAsync("/api/definitions/taken?version=0"), HttpStatusCode.NotFound, "taken");
    }

    [Fact]
    public async Task List_AfterPublishing_ShowsTheDefinitionWithItsState()
    {
        await Api.PublishAsync(api.Owner, TestFlows.Greeting("listed"));

        var list = await (await api.Operator.GetAsync("/api/definitions").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        var entry = Assert.Single(list, d => d!["id"].Text() == "listed");
        Assert.Equal("Greeting listed", entry!["name"].Text());
        Assert.Equal(1, entry["version"]!.GetValue<int>());
    }

    private static string GreetingScript(string definition) =>
        JsonNode.Parse(definition)!["root"]!["activities"]![1]!["inputs"]!["value"]!["js"].Text();

    private async Task<string> GreetAsync(string id)
    {
        var run = await (await Api.ExecuteAsync(api.Operator, id, new { input = new { who = "Ann" } }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        return run["output"]!["greeting"].Text();
    }
}
