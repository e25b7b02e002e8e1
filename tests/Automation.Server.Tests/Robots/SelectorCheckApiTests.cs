using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Robots;

public sealed class SelectorCheckApiTests
{
    [Fact]
    public async Task Check_GoodCandidates_IsValid()
    {
        using var factory = new ServerFactory();
        using var owner = await factory.SignedInAsAsync("owner-selector-ok", "ProcessOwner");

        var answer = await owner.PostAsJsonAsync("/api/selectors/check", JsonNode.Parse("""[{"role":"button","name":"Gem"},{"label":"CPR-nummer"},{"role":"text","rightOf":"Navn"},{"css":"#save"}]"""));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var check = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(check["valid"]!.GetValue<bool>());
        Assert.Empty(check["problems"]!.AsArray());
    }

    [Fact]
    public async Task Check_AnchorWithoutRoleAsSecondCandidate_NamesThatCandidateWithTheRobotsMessage()
    {
        using var factory = new ServerFactory();
        using var owner = await factory.SignedInAsAsync("owner-selector-bad", "ProcessOwner");

        var answer = await owner.PostAsJsonAsync("/api/selectors/check", JsonNode.Parse("""[{"label":"CPR-nummer"},{"rightOf":"Navn"}]"""));
        var empty = await owner.PostAsJsonAsync("/api/selectors/check", new JsonArray());

        var check = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(check["valid"]!.GetValue<bool>());
        var problem = Assert.Single(check["problems"]!.AsArray())!;
        Assert.Equal(1, problem["candidate"]!.GetValue<int>());
        Assert.Contains("has a geometry anchor but no role", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var whole = Assert.Single((await empty.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray())!;
        Assert.Null(whole["candidate"]);
        Assert.Contains("at least one candidate", whole["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
