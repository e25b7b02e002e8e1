using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Hosting;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using Automation.Robots.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Robots.Tests.Activities;

/// <summary>A selector written into a workflow is checked when the workflow is validated, before it is published or run.</summary>
public sealed class SelectorValidationTests : IDisposable
{
    private readonly ServiceProvider _services;

    public SelectorValidationTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICredentialStore>(new InMemoryCredentialStore());
        services.AddAutomationRobots();
        services.AddAutomationEngine();
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData("Robot.Fill", "selector", """[{"name": "Gem"}]""", "has a name but no role")]
    [InlineData("Robot.Click", "selector", """[{"role": "button", "rightOf": "A", "below": "B"}]""", "sets both rightOf and below")]
    [InlineData("Robot.HandleDialog", "click", """{"id": "ok"}""", "unknown field 'id'")]
    public void Validate_BrokenSelectorLiteral_IsAProblemOnThatActivityAndInput(string type, string input, string selector, string expected)
    {
        var problems = Validate(type, input, JsonNode.Parse(selector));

        var problem = Assert.Single(problems, p => p.ActivityId == "step" && p.InputName == input);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodSelectorOrExpression_IsNoProblem()
    {
        Assert.DoesNotContain(Validate("Robot.Fill", "selector", JsonNode.Parse("""[{"role": "textbox", "rightOf": "Bemærkning"}, {"css": "#note"}]""")), p => p.ActivityId == "step");
        Assert.DoesNotContain(Validate("Robot.Fill", "selector", JsonNode.Parse("""{"js": "variables.field"}""")), p => p.ActivityId == "step" && p.InputName == "selector");
    }

    private IReadOnlyList<ValidationProblem> Validate(string type, string input, JsonNode? selector)
    {
        var inputs = new JsonObject { ["target"] = "app", [input] = selector };
        if (type == "Robot.Fill")
        {
            inputs["value"] = "x";
        }

        var activities = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "Start" },
            new JsonObject { ["id"] = "step", ["type"] = type, ["inputs"] = inputs });
        var connections = new JsonArray(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = "step" },
        });
        var definition = new JsonObject { ["id"] = "robot", ["name"] = "Robot", ["root"] = new JsonObject { ["activities"] = activities, ["connections"] = connections } }
            .Deserialize<WorkflowDefinition>(WorkflowJson.Options)!;
        return _services.GetRequiredService<WorkflowRuntime>().Validator.Validate(definition);
    }
}
