using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Hosting;
using Automation.Server.Tests.Definitions;

namespace Automation.Server.Tests.Activities;

/// <summary>The designer's palette: every activity the engine has, with its inputs and outcomes.</summary>
public sealed class ActivitiesApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task List_AsProcessOwner_DescribesEveryBuiltInActivity()
    {
        // The engine's own activities, the connectors' (HTTP, FHIR, SQL, CSV, reconciliation), the robots' and the place registry's make up the palette.
        var builtIn = new[] { typeof(EngineServiceCollectionExtensions).Assembly, typeof(Automation.Connectors.ConnectorServiceCollectionExtensions).Assembly, typeof(Automation.Robots.Hosting.RobotServiceCollectionExtensions).Assembly, typeof(Automation.Places.Registry.PlacesRegistry).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => t.GetCustomAttribute<ActivityAttribute>()?.Type)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

        var list = await (await api.Owner.GetAsync("/api/activities").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();

        Assert.Equal(builtIn, list.Select(a => a!["type"].Text()).Order(StringComparer.Ordinal));
        Assert.All(list, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a!["displayName"].Text()));
            Assert.False(string.IsNullOrWhiteSpace(a["category"].Text()));
            Assert.All(a["inputs"]!.AsArray(), i => Assert.False(string.IsNullOrWhiteSpace(i!["name"].Text() + i["type"].Text() + i["editor"].Text())));
        });
    }

    [Fact]
    public async Task List_Decision_HasItsConditionInputAndTrueFalseOutcomes()
    {
        var decision = await DescriptorAsync("Decision");

        var condition = Assert.Single(decision["inputs"]!.AsArray());
        Assert.Equal("condition", condition!["name"].Text());
        Assert.Equal("boolean", condition["type"].Text());
        Assert.True(condition["required"]!.GetValue<bool>());
        Assert.Equal(["True", "False"], decision["outcomes"]!.AsArray().Select(o => o.Text()));
    }

    [Fact]
    public async Task List_HumanTask_HasDynamicOutcomesAndTheRolesToChooseFrom()
    {
        var task = await DescriptorAsync("HumanTask");

        Assert.True(task["hasDynamicOutcomes"]!.GetValue<bool>());
        Assert.True(task["isBlocking"]!.GetValue<bool>());
        var role = Assert.Single(task["inputs"]!.AsArray(), i => i!["name"].Text() == "role");
        Assert.Contains("Operator", role!["options"]!.AsArray().Select(o => o.Text()));
    }

    private async Task<JsonNode> DescriptorAsync(string type)
    {
        var list = await (await api.Owner.GetAsync("/api/activities").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        return Assert.Single(list, a => a!["type"].Text() == type)!;
    }
}
