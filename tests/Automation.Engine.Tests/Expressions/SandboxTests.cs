using System.Diagnostics;
using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;
using Automation.Engine.Hosting;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Expressions;

/// <summary>The JavaScript sandbox as a workflow author meets it: through RunJavaScript and SetVariable in a running engine.</summary>
public sealed class SandboxTests
{
    [Fact]
    public async Task RunJavaScript_EndlessLoop_FaultsWithinTimeLimitNamingActivityAndInput()
    {
        using var engine = Engine(o =>
        {
            o.TimeLimit = TimeSpan.FromMilliseconds(200);
            o.MaxStatements = int.MaxValue;
        });
        var clock = Stopwatch.StartNew();

        var result = await engine.RunAsync(ScriptFlow("while (true) { }"));

        clock.Stop();
        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal("script", result.Incident!.ActivityId);
        Assert.Contains("activity 'script'", result.Incident.Message, StringComparison.Ordinal);
        Assert.Contains("input 'script'", result.Incident.Message, StringComparison.Ordinal);
        Assert.Contains("time limit of 200 ms", result.Incident.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunJavaScript_MoreStatementsThanAllowed_FaultsWithStatementLimit()
    {
        using var engine = Engine(o => o.MaxStatements = 10_000);

        var result = await engine.RunAsync(ScriptFlow("var n = 0; for (;;) { n++; }"));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("statement limit of 10,000", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJavaScript_WithinStatementLimit_Finishes()
    {
        using var engine = Engine(o => o.MaxStatements = 10_000);

        var result = await engine.RunAsync(ScriptFlow("var n = 0; for (var i = 0; i < 1000; i++) { n += i; } setN(n)", Variable("n", DataType.Integer, 0)));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(499_500, (await VariablesOf(engine, result))["n"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("var a = []; while (true) { a.push(new Array(10000).fill(0)); }")]
    [InlineData("var s = 'x'; while (true) { s = s + s; }")]
    [InlineData("'x'.repeat(16 * 1024 * 1024).length")]
    [InlineData("JSON.stringify(new Array(2000000).fill('abcdefgh')).length")]
    [InlineData("({ toJSON: function () { var a = []; while (true) { a.push(new Array(10000).fill(0)); } } })")]
    public async Task RunJavaScript_HugeAllocation_FaultsWithMemoryLimitAndEngineKeepsWorking(string script)
    {
        using var engine = Engine(o => o.MemoryLimitBytes = 8 * 1024 * 1024);

        var result = await engine.RunAsync(ScriptFlow(script));
        var next = await engine.RunAsync(ScriptFlow("setN(new Array(1000).fill(1).length)", Variable("n", DataType.Integer, 0)));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("memory limit of 8 MiB", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Finished, next.Status);
        Assert.Equal(1000, (await VariablesOf(engine, next))["n"]!.GetValue<long>());
    }

    [Fact]
    public async Task RunJavaScript_EndlessRecursion_FaultsWithRecursionLimit()
    {
        using var engine = Engine(o => o.MaxRecursionDepth = 64);

        var result = await engine.RunAsync(ScriptFlow("function down(n) { return down(n + 1) + 1; }\ndown(0)"));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("recursion limit of 64", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJavaScript_RecursionWithinLimit_Finishes()
    {
        using var engine = Engine(o => o.MaxRecursionDepth = 64);

        var result = await engine.RunAsync(ScriptFlow("function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }\nsetN(depth(50))", Variable("n", DataType.Integer, 0)));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(50, (await VariablesOf(engine, result))["n"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof clr")]
    [InlineData("typeof require")]
    [InlineData("typeof process")]
    [InlineData("typeof host")]
    [InlineData("typeof globalThis.System")]
    [InlineData("typeof log.GetType")]
    [InlineData("typeof getVariable.Method")]
    [InlineData("typeof Uint8Array")]
    [InlineData("typeof ArrayBuffer")]
    [InlineData("typeof ShadowRealm")]
    public async Task RunJavaScript_ClrAndHostNames_AreUndefined(string script)
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow($"setResult({script})", Variable("result", DataType.String, "")));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("undefined", (await VariablesOf(engine, result))["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunJavaScript_HostFunctions_ExposeNoClrMembers()
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow(
            "setResult([log, getVariable, setOutcome, setResult].map(function (f) { return Object.getOwnPropertyNames(f).sort().join(); }).join(' | '))",
            Variable("result", DataType.String, "")));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("length,name | length,name | length,name | length,name", (await VariablesOf(engine, result))["result"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Function('return this')().System.IO.File.WriteAllText(path, 'x')")]
    [InlineData("constructor.constructor('return this')().System.IO.File.WriteAllText(path, 'x')")]
    [InlineData("log.constructor('return importNamespace')()('System.IO').File.WriteAllText(path, 'x')")]
    [InlineData("eval('importNamespace')('System.IO').File.WriteAllText(path, 'x')")]
    [InlineData("importNamespace('System.IO').File.WriteAllText(path, 'x')")]
    [InlineData("System.IO.File.WriteAllText(path, 'x')")]
    [InlineData("clr.System.IO.File.WriteAllText(path, 'x')")]
    [InlineData("Object.getPrototypeOf(log).constructor('return this')().System.IO.File.WriteAllText(path, 'x')")]
    [InlineData("new ShadowRealm().evaluate('importNamespace(\"System.IO\").File.WriteAllText(path, \"x\")')")]
    public async Task RunJavaScript_ReachingForClr_FaultsAndTouchesNothing(string attempt)
    {
        using var engine = Engine();
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-{Guid.NewGuid():N}.txt");

        var result = await engine.RunAsync(ScriptFlow($"var path = {JsonValue.Create(path).ToJsonString()};\n{attempt}"));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("activity 'script'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", result.Incident.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "the script reached .NET and wrote a file");
    }

    [Fact]
    public async Task RunJavaScript_ScriptThrows_FaultsWithLineAndColumn()
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow("var a = 1;\nthrow new Error('boom');"));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal(
            "Expression in activity 'script', input 'script' at line 2, column 7: script threw Error: boom",
            result.Incident!.Message);
    }

    [Fact]
    public async Task SetVariable_ExpressionReadsNull_FaultsWithPosition()
    {
        using var engine = Engine();
        var definition = Flow(
            [Variable("n", DataType.Any, null)],
            new ActivityNode { Id = "set", Type = "SetVariable", Inputs = { ["variable"] = "n", ["value"] = ExpressionInput.JavaScript("1 +\n  variables.n.length") } });

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("activity 'set', input 'value' at line 2, column 15", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("TypeError: Cannot read properties of null (reading 'length')", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ScriptWithSyntaxError_IsRejectedWithLineAndColumn()
    {
        using var engine = Engine();
        var definition = Flow(
            [Variable("n", DataType.Integer, 0)],
            new ActivityNode { Id = "script", Type = "RunJavaScript", Inputs = { ["script"] = "var x = 1;\nvar y = ;" } },
            new ActivityNode { Id = "set", Type = "SetVariable", Inputs = { ["variable"] = "n", ["value"] = ExpressionInput.JavaScript("(1 +") } });

        var error = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => engine.RunAsync(definition));

        var script = Assert.Single(error.Problems, p => p.Path == "$.root.activities[1].inputs.script");
        Assert.Contains("line 2, column 9", script.Message, StringComparison.Ordinal);
        var expression = Assert.Single(error.Problems, p => p.Path == "$.root.activities[2].inputs.value");
        Assert.Contains("line 1, column 5", expression.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("(", ")")]
    [InlineData("a.b", "")]
    public async Task StartAsync_ScriptNestedTooDeeply_IsRejectedNotCrashed(string open, string close)
    {
        using var engine = Engine();
        var script = string.Concat(Enumerable.Repeat(open, 50_000)) + "1" + string.Concat(Enumerable.Repeat(close, 50_000));

        var error = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => engine.RunAsync(ScriptFlow(script)));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.root.activities[1].inputs.script", problem.Path);
        Assert.Contains("too deeply", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJavaScript_ElsaStyleAndVariablesObject_ReadAndWriteVariables()
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow(
            "setCount(getCount() + 1);\nvariables.count = variables.count * 10;\nsetVariable('label', 'n=' + getVariable('count'));",
            Variable("count", DataType.Integer, 1),
            Variable("label", DataType.String, "")));

        var variables = await VariablesOf(engine, result);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(20, variables["count"]!.GetValue<long>());
        Assert.Equal("n=20", variables["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunJavaScript_ChangesObjectVariablesInPlace_ChangesPersist()
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow(
            "variables.list.push(3);\ngetList().push(4);\nvariables.person.name = 'Bo';",
            Variable("list", DataType.Array, new JsonArray(1, 2)),
            Variable("person", DataType.Object, new JsonObject { ["name"] = "Al" })));

        var variables = await VariablesOf(engine, result);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("[1,2,3,4]", variables["list"]!.ToJsonString());
        Assert.Equal("Bo", variables["person"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunJavaScript_OnlyReadsObjectVariable_JournalRecordsNoChange()
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow(
            "setCount(variables.list.length)",
            Variable("list", DataType.Array, new JsonArray(1, 2)),
            Variable("count", DataType.Integer, 0)));

        var journal = await engine.Store.GetJournalAsync(result.InstanceId, CancellationToken.None);
        var outputs = journal.Single(j => j.ActivityId == "script").Outputs!;
        Assert.Equal(2, outputs["count"]!.GetValue<long>());
        Assert.False(outputs.ContainsKey("list"), "a variable the script only read was recorded as changed");
    }

    [Theory]
    [InlineData("variables.nope = 1")]
    [InlineData("setVariable('nope', 1)")]
    public async Task RunJavaScript_SetsUndeclaredVariable_FaultsNamingIt(string script)
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow(script, Variable("count", DataType.Integer, 0)));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("at line 1, column 1: the workflow declares no variable 'nope'; add it under variables", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("declared: count", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJavaScript_SetsVariableToWrongType_FaultsNamingVariableAndType()
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow("variables.count = 'many'", Variable("count", DataType.Integer, 0)));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("cannot set variable 'count': expected integer", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJavaScript_ThrowsAfterSettingVariables_ChangesNothing()
    {
        using var engine = Engine();

        var result = await engine.RunAsync(ScriptFlow(
            "setCount(5);\nvariables.list.push(3);\nthrow new Error('half way');",
            Variable("count", DataType.Integer, 1),
            Variable("list", DataType.Array, new JsonArray(1, 2))));

        var variables = await VariablesOf(engine, result);
        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal("1", variables["count"]!.ToJsonString());
        Assert.Equal("[1,2]", variables["list"]!.ToJsonString());
    }

    [Fact]
    public async Task RunJavaScript_GlobalsAndPrototypes_DoNotLeakIntoLaterScripts()
    {
        using var engine = Engine();
        var definition = Flow(
            [Variable("seen", DataType.String, "")],
            new ActivityNode { Id = "dirty", Type = "RunJavaScript", Inputs = { ["script"] = "leaked = 42; let mine = 1; Object.prototype.polluted = true; Array.prototype.push = null;" } },
            new ActivityNode { Id = "clean", Type = "RunJavaScript", Inputs = { ["script"] = "let mine = 2; var a = []; a.push(1); setSeen(typeof leaked + ',' + typeof ({}).polluted + ',' + a.length + ',' + mine)" } });

        var first = await engine.RunAsync(definition);
        var second = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, first.Status);
        Assert.Equal(InstanceStatus.Finished, second.Status);
        Assert.Equal("undefined,undefined,1,2", (await VariablesOf(engine, second))["seen"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(7, "big")]
    [InlineData(2, "small")]
    public async Task RunJavaScript_SetOutcome_ContinuesThroughChosenPort(int n, string expected)
    {
        using var engine = Engine();
        var definition = Flow(
            [Variable("n", DataType.Integer, n)],
            new ActivityNode
            {
                Id = "choose",
                Type = "RunJavaScript",
                Inputs = { ["script"] = "setOutcome(variables.n > 5 ? 'Big' : 'Small')", ["outcomes"] = new JsonArray("Big", "Small") },
            });
        definition.Root.Activities.Add(new ActivityNode { Id = "big", Type = "Log", Inputs = { ["message"] = "big" } });
        definition.Root.Activities.Add(new ActivityNode { Id = "small", Type = "Log", Inputs = { ["message"] = "small" } });
        definition.Root.Connections.Add(Connect("choose", "big", "Big"));
        definition.Root.Connections.Add(Connect("choose", "small", "Small"));

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal([expected], engine.Log.Lines);
    }

    [Fact]
    public async Task RunJavaScript_SetOutcomeNotListed_FaultsNamingIt()
    {
        using var engine = Engine();
        var definition = Flow(
            [],
            new ActivityNode { Id = "choose", Type = "RunJavaScript", Inputs = { ["script"] = "setOutcome('Maybe')", ["outcomes"] = new JsonArray("Yes", "No") } });

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("chose outcome 'Maybe', which is not listed under its outcomes (Yes, No)", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetVariable_ExpressionCallsSetOutcome_FaultsExplainingWhere()
    {
        using var engine = Engine();
        var definition = Flow(
            [Variable("n", DataType.Integer, 0)],
            new ActivityNode { Id = "set", Type = "SetVariable", Inputs = { ["variable"] = "n", ["value"] = ExpressionInput.JavaScript("setOutcome('Yes'); 1") } });

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("setOutcome() can only be used in a RunJavaScript activity", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJavaScript_SetOutputAndOutputObject_SetWorkflowOutputs()
    {
        using var engine = Engine();
        var definition = ScriptFlow("setOutput('total', 3);\noutput.note = 'ok';");
        definition.Outputs.Add(new WorkflowOutput { Name = "total", Type = DataType.Integer });

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(3, result.Output["total"]!.GetValue<long>());
        Assert.Equal("ok", result.Output["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunJavaScript_ReadsInputsAndLoopVariable_SeesThem()
    {
        using var engine = Engine();
        var definition = Flow(
            [Variable("seen", DataType.String, ""), Variable("item", DataType.Any, null)],
            new ActivityNode { Id = "each", Type = "ForEach", Inputs = { ["items"] = new JsonArray("a", "b"), ["variable"] = "item" } },
            new ActivityNode { Id = "add", Type = "RunJavaScript", Inputs = { ["script"] = "setSeen(getSeen() + input.prefix + getInput('prefix') + variables.item)" } });
        definition.Root.Connections[1] = Connect("each", "add", "Iterate");
        definition.Root.Connections.Add(Connect("add", "each"));

        var result = await engine.RunAsync(definition, new JsonObject { ["prefix"] = "-" });

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("--a--b", (await VariablesOf(engine, result))["seen"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(nameof(JavaScriptOptions.MaxStatements))]
    [InlineData(nameof(JavaScriptOptions.TimeLimit))]
    [InlineData(nameof(JavaScriptOptions.MemoryLimitBytes))]
    [InlineData(nameof(JavaScriptOptions.MaxRecursionDepth))]
    public void Constructor_LimitOutOfRange_ThrowsNamingTheSetting(string setting)
    {
        var options = new JavaScriptOptions();
        switch (setting)
        {
            case nameof(JavaScriptOptions.MaxStatements): options.MaxStatements = 0; break;
            case nameof(JavaScriptOptions.TimeLimit): options.TimeLimit = TimeSpan.Zero; break;
            case nameof(JavaScriptOptions.MemoryLimitBytes): options.MemoryLimitBytes = 100; break;
            default: options.MaxRecursionDepth = -1; break;
        }

        var error = Assert.Throws<ArgumentException>(() => new JintExpressionEvaluator(options));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private static TestEngine Engine(Action<JavaScriptOptions>? configure = null) =>
        new(services => services.AddAutomationEngine(configureJavaScript: configure));

    private static VariableDefinition Variable(string name, DataType type, JsonNode? value) =>
        new() { Name = name, Type = type, Default = value };

    private static Connection Connect(string from, string to, string? port = null) =>
        new() { Source = new Endpoint { Activity = from, Port = port }, Target = new Endpoint { Activity = to } };

    /// <summary>Start, then <paramref name="steps"/> in sequence.</summary>
    private static WorkflowDefinition Flow(VariableDefinition[] variables, params ActivityNode[] steps)
    {
        var definition = new WorkflowDefinition { Id = "sandbox", Name = "Sandbox", Variables = [.. variables] };
        definition.Root.Activities.Add(new ActivityNode { Id = "start", Type = "Start" });
        var previous = "start";
        foreach (var step in steps)
        {
            definition.Root.Activities.Add(step);
            definition.Root.Connections.Add(Connect(previous, step.Id));
            previous = step.Id;
        }

        return definition;
    }

    private static WorkflowDefinition ScriptFlow(string script, params VariableDefinition[] variables) =>
        Flow(variables, new ActivityNode { Id = "script", Type = "RunJavaScript", Inputs = { ["script"] = script } });

    private static async Task<JsonObject> VariablesOf(TestEngine engine, RunResult result) =>
        (await engine.Store.GetInstanceAsync(result.InstanceId, CancellationToken.None))!.State.Variables;
}
