using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Validation;

/// <summary>Every kind of problem the validator reports, each located by the JSON path a designer or CLI user can follow.</summary>
public sealed class WorkflowValidatorTests
{
    [Fact]
    public void Validate_WellFormedDefinition_ReportsNothing()
    {
        var problems = Validate(Flow("""{ "id": "say", "type": "Log", "inputs": { "message": "hi" } }""", """{ "source": { "activity": "start" }, "target": { "activity": "say" } }"""));

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_UnknownActivityType_ReportsTypeWithChoices()
    {
        var problems = Validate(Flow("""{ "id": "send", "type": "SendMial" }""", """{ "source": { "activity": "start" }, "target": { "activity": "send" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[1].type", problem.Path);
        Assert.Contains("unknown activity type 'SendMial'; use one of:", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Log", problem.Message, StringComparison.Ordinal);
        Assert.Equal("send", problem.ActivityId);
    }

    [Fact]
    public void Validate_DuplicateActivityId_ReportsSecondOccurrence()
    {
        var problems = Validate(Flow(
            """{ "id": "say", "type": "Log", "inputs": { "message": "a" } }, { "id": "say", "type": "Log", "inputs": { "message": "b" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "say" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[2].id", problem.Path);
        Assert.Contains("activity id 'say' is used twice", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ActivityWithoutId_ReportsId()
    {
        var problems = Validate(Flow("""{ "type": "Log", "inputs": { "message": "a" } }""", ""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[1].id", problem.Path);
        Assert.Contains("has no id", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionFromMissingActivity_ReportsSource()
    {
        var problems = Validate(Flow(
            """{ "id": "say", "type": "Log", "inputs": { "message": "a" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "say" } }, { "source": { "activity": "ghost" }, "target": { "activity": "say" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.connections[1].source.activity", problem.Path);
        Assert.Contains("starts at activity 'ghost', which does not exist", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionToMissingActivity_ReportsTarget()
    {
        var problems = Validate(Flow(
            """{ "id": "say", "type": "Log", "inputs": { "message": "a" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "say" } }, { "source": { "activity": "say" }, "target": { "activity": "ghost" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.connections[1].target.activity", problem.Path);
        Assert.Contains("ends at activity 'ghost', which does not exist", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionFromUnknownPort_ReportsPortWithExistingOnes()
    {
        var problems = Validate(Flow(
            """{ "id": "check", "type": "Decision", "inputs": { "condition": true } }, { "id": "say", "type": "Log", "inputs": { "message": "a" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "check" } }, { "source": { "activity": "check", "port": "Maybe" }, "target": { "activity": "say" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.connections[1].source.port", problem.Path);
        Assert.Contains("has no outcome 'Maybe'; it has: True, False", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRequiredInput_ReportsInput()
    {
        var problems = Validate(Flow("""{ "id": "say", "type": "Log" }""", """{ "source": { "activity": "start" }, "target": { "activity": "say" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[1].inputs.message", problem.Path);
        Assert.Contains("activity 'say' (Log) needs input 'message'", problem.Message, StringComparison.Ordinal);
        Assert.Equal("message", problem.InputName);
    }

    [Fact]
    public void Validate_LiteralOfWrongType_ReportsInputAndExpectedType()
    {
        var problems = Validate(Flow(
            """{ "id": "check", "type": "Decision", "inputs": { "condition": [1, 2] } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "check" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[1].inputs.condition", problem.Path);
        Assert.Contains("expected boolean", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SetVariableOfUndeclaredVariable_ReportsInputWithDeclaredNames()
    {
        var problems = Validate(Flow(
            """{ "id": "set", "type": "SetVariable", "inputs": { "variable": "cuont", "value": 1 } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "set" } }""",
            variables: """[{ "name": "count", "type": "integer" }]"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[1].inputs.variable", problem.Path);
        Assert.Contains("names variable 'cuont', which the workflow does not declare", problem.Message, StringComparison.Ordinal);
        Assert.Contains("(declared: count)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExpressionWhereOnlyLiteralAllowed_ReportsInput()
    {
        var problems = Validate(Flow(
            """{ "id": "set", "type": "SetVariable", "inputs": { "variable": { "js": "'n'" }, "value": 1 } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "set" } }""",
            variables: """[{ "name": "n", "type": "integer" }]"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[1].inputs.variable", problem.Path);
        Assert.Contains("takes a literal value, not an expression", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "js": "variables.n +" }""", "$.root.activities[1].inputs.value", "line 1, column 14")]
    [InlineData("""{ "js": "var a = 1;\n  a )" }""", "$.root.activities[1].inputs.value", "line 2, column 5")]
    public void Validate_ExpressionSyntaxError_ReportsLineAndColumn(string value, string path, string position)
    {
        var problems = Validate(Flow(
            $$"""{ "id": "set", "type": "SetVariable", "inputs": { "variable": "n", "value": {{value}} } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "set" } }""",
            variables: """[{ "name": "n", "type": "integer" }]"""));

        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains($"JavaScript syntax error in input 'value' of activity 'set' at {position}:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RunJavaScriptSyntaxError_ReportsLineAndColumn()
    {
        var problems = Validate(Flow(
            """{ "id": "script", "type": "RunJavaScript", "inputs": { "script": "if (true) {\n  log('x');\n" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "script" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[1].inputs.script", problem.Path);
        Assert.Contains("at line 3, column 1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ActivityNothingLeadsTo_ReportsUnreachable()
    {
        var problems = Validate(Flow(
            """{ "id": "say", "type": "Log", "inputs": { "message": "a" } }, { "id": "orphan", "type": "Log", "inputs": { "message": "b" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "say" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[2]", problem.Path);
        Assert.Contains("activity 'orphan' can never run", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LoopWithNoWayOut_ReportsLoop()
    {
        var problems = Validate(Flow(
            """{ "id": "a", "type": "Log", "inputs": { "message": "a" } }, { "id": "b", "type": "Log", "inputs": { "message": "b" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "a" } }, { "source": { "activity": "a" }, "target": { "activity": "b" } }, { "source": { "activity": "b" }, "target": { "activity": "a" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal("$.root.activities[1]", problem.Path);
        Assert.Contains("activities a → b form a loop with no way out", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DecisionWhoseBothPortsStayInLoop_ReportsLoop()
    {
        var problems = Validate(Flow(
            """{ "id": "a", "type": "Log", "inputs": { "message": "a" } }, { "id": "more", "type": "Decision", "inputs": { "condition": { "js": "true" } } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "a" } }, { "source": { "activity": "a" }, "target": { "activity": "more" } }, { "source": { "activity": "more", "port": "True" }, "target": { "activity": "a" } }, { "source": { "activity": "more", "port": "False" }, "target": { "activity": "a" } }"""));

        var problem = Assert.Single(problems);
        Assert.Contains("form a loop with no way out", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LoopWithDecisionExit_IsAccepted()
    {
        var problems = Validate(Flow(
            """{ "id": "a", "type": "Log", "inputs": { "message": "a" } }, { "id": "more", "type": "Decision", "inputs": { "condition": { "js": "variables.i < 3" } } }, { "id": "done", "type": "Log", "inputs": { "message": "done" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "a" } }, { "source": { "activity": "a" }, "target": { "activity": "more" } }, { "source": { "activity": "more", "port": "True" }, "target": { "activity": "a" } }, { "source": { "activity": "more", "port": "False" }, "target": { "activity": "done" } }""",
            variables: """[{ "name": "i", "type": "integer", "default": 0 }]"""));

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_ForEachLoop_IsAccepted()
    {
        var problems = Validate(Flow(
            """{ "id": "each", "type": "ForEach", "inputs": { "items": [1, 2], "variable": "item" } }, { "id": "say", "type": "Log", "inputs": { "message": { "js": "'item ' + variables.item" } } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "each" } }, { "source": { "activity": "each", "port": "Iterate" }, "target": { "activity": "say" } }, { "source": { "activity": "say" }, "target": { "activity": "each" } }""",
            variables: """[{ "name": "item" }]"""));

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_LoopWaitingForSignal_IsAccepted()
    {
        var problems = Validate(Flow(
            """{ "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "next" } }, { "id": "say", "type": "Log", "inputs": { "message": "got one" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "wait" } }, { "source": { "activity": "wait" }, "target": { "activity": "say" } }, { "source": { "activity": "say" }, "target": { "activity": "wait" } }"""));

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("""[{ "name": "1st" }]""", "$.variables[0].name", "variable name '1st' must be a JavaScript identifier")]
    [InlineData("""[{ "name": "my-var" }]""", "$.variables[0].name", "variable name 'my-var' must be a JavaScript identifier")]
    [InlineData("""[{ "name": "" }]""", "$.variables[0].name", "must be a JavaScript identifier")]
    [InlineData("""[{ "name": "n" }, { "name": "n" }]""", "$.variables[1].name", "variable 'n' is declared twice")]
    [InlineData("""[{ "name": "n", "type": "integer", "default": "ten" }]""", "$.variables[0].default", "default of variable 'n': expected integer")]
    public void Validate_BadVariables_ReportsVariable(string variables, string path, string message)
    {
        var problems = Validate(Flow(
            """{ "id": "say", "type": "Log", "inputs": { "message": "a" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "say" } }""",
            variables: variables));

        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inputs", """[{ "name": "a b" }]""", "$.inputs[0].name", "input name 'a b'")]
    [InlineData("outputs", """[{ "name": "x" }, { "name": "x" }]""", "$.outputs[1].name", "output 'x' is declared twice")]
    public void Validate_BadInputOrOutputNames_ReportsThem(string section, string declarations, string path, string message)
    {
        var definition = TestEngine.Parse($$"""
        {
          "id": "names", "{{section}}": {{declarations}},
          "root": { "activities": [{ "id": "start", "type": "Start" }] }
        }
        """);

        var problem = Assert.Single(Validate(definition));
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "retryCount": 101 }""", "$.root.activities[1].resilience.retryCount", "retryCount must be between 0 and 100")]
    [InlineData("""{ "retryCount": -1 }""", "$.root.activities[1].resilience.retryCount", "retryCount must be between 0 and 100")]
    [InlineData("""{ "retryDelay": "-00:00:01" }""", "$.root.activities[1].resilience.retryDelay", "retryDelay cannot be negative")]
    [InlineData("""{ "timeout": "00:00:00" }""", "$.root.activities[1].resilience.timeout", "timeout must be positive")]
    public void Validate_BadResilience_ReportsSetting(string resilience, string path, string message)
    {
        var problems = Validate(Flow(
            $$"""{ "id": "say", "type": "Log", "inputs": { "message": "a" }, "resilience": {{resilience}} }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "say" } }"""));

        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-starts-with-dash")]
    public void Validate_BadWorkflowId_ReportsId(string id)
    {
        var definition = Flow("""{ "id": "say", "type": "Log", "inputs": { "message": "a" } }""", """{ "source": { "activity": "start" }, "target": { "activity": "say" } }""");
        definition.Id = id;

        var problem = Assert.Single(Validate(definition));
        Assert.Equal("$.id", problem.Path);
    }

    [Fact]
    public void Validate_NoActivities_ReportsEmptyFlowchart()
    {
        var problem = Assert.Single(Validate(new WorkflowDefinition { Id = "empty" }));

        Assert.Equal("$.root.activities", problem.Path);
        Assert.Contains("add at least a Start", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownInputName_WarnsWithoutBlocking()
    {
        var definition = Flow(
            """{ "id": "say", "type": "Log", "inputs": { "message": "a", "colour": "red" } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "say" } }""");
        using var engine = new TestEngine();

        var problem = Assert.Single(engine.Runtime.Validator.Validate(definition));
        engine.Runtime.Validator.EnsureValid(definition, "test");

        Assert.Equal("$.root.activities[1].inputs.colour", problem.Path);
        Assert.Equal(Severity.Warning, problem.Severity);
        Assert.Contains("has no input 'colour'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidDefinition_ThrowsListingEveryErrorAndStoresNothing()
    {
        using var engine = new TestEngine();
        var definition = Flow(
            """{ "id": "say", "type": "Log" }, { "id": "send", "type": "SendMial" }, { "id": "set", "type": "SetVariable", "inputs": { "variable": "n", "value": { "js": "1 +" } } }""",
            """{ "source": { "activity": "start" }, "target": { "activity": "say" } }, { "source": { "activity": "say" }, "target": { "activity": "ghost" } }""",
            variables: """[{ "name": "n", "type": "integer" }, { "name": "n" }]""");

        var error = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => engine.RunAsync(definition));

        Assert.Equal(
            [
                "$.variables[1].name",
                "$.root.activities[1].inputs.message",
                "$.root.activities[2].type",
                "$.root.activities[3].inputs.value",
                "$.root.connections[1].target.activity",
            ],
            error.Problems.Select(p => p.Path));
        Assert.All(error.Problems, p => Assert.Contains(p.Path, error.Message, StringComparison.Ordinal));
        Assert.StartsWith("Workflow 'flow' is not a valid workflow:", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, ((InMemoryInstanceStore)engine.Store).Count);
    }

    private static IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        using var engine = new TestEngine();
        return engine.Runtime.Validator.Validate(definition);
    }

    /// <summary>A definition with a Start activity first, then <paramref name="activities"/>.</summary>
    private static WorkflowDefinition Flow(string activities, string connections, string variables = "[]") =>
        TestEngine.Parse($$"""
        {
          "id": "flow", "name": "Flow",
          "variables": {{variables}},
          "root": {
            "activities": [{ "id": "start", "type": "Start" }, {{activities}}],
            "connections": [{{connections}}]
          }
        }
        """);
}
