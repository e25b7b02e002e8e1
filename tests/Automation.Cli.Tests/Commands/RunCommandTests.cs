using System.Text.Json.Nodes;
using static Automation.Cli.Tests.Flows;

namespace Automation.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_FinishingWorkflow_PrintsLogLinesThenOutputOnLastLineAndExits0()
    {
        var file = _dir.Write("greet.json", Sequential(
            "greet",
            [
                ("hello", "Log", new JsonObject { ["message"] = Js("'Hello ' + getInput('who')") }),
                ("answer", "SetOutput", new JsonObject { ["output"] = "greeting", ["value"] = Js("'Hej ' + getInput('who')") }),
            ],
            inputs: [new JsonObject { ["name"] = "who", ["type"] = "string", ["required"] = true }],
            outputs: [new JsonObject { ["name"] = "greeting", ["type"] = "string" }]));

        var result = await CliProcess.RunAsync(_dir.Path, "run", file, "--input", "who=Åse");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Hello Åse", """{"greeting":"Hej Åse"}"""], result.Stdout);
    }

    [Fact]
    public async Task Run_InputValues_AreJsonWhenTheyParseAndTextOtherwise()
    {
        var file = _dir.Write("echo.json", Sequential(
            "echo",
            [("echo", "SetOutput", new JsonObject
            {
                ["output"] = "seen",
                ["value"] = Js("({ count: getInput('count') + 1, urgent: getInput('urgent'), ward: getInput('ward'), tags: getInput('tags').length })"),
            })],
            inputs:
            [
                new JsonObject { ["name"] = "count", ["type"] = "number" },
                new JsonObject { ["name"] = "urgent", ["type"] = "boolean" },
                new JsonObject { ["name"] = "ward", ["type"] = "string" },
                new JsonObject { ["name"] = "tags", ["type"] = "array" },
            ]));

        var result = await CliProcess.RunAsync(_dir.Path, "run", file, "--input", "count=41", "--input", "urgent=true", "--input", "ward=B 3", "--input", """tags=["a","b"]""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""{"seen":{"count":42,"urgent":true,"ward":"B 3","tags":2}}""", result.LastLine);
    }

    [Fact]
    public async Task Run_MissingRequiredInput_Exits1NamingTheInputAndStoresNothing()
    {
        var file = _dir.Write("needs.json", Sequential(
            "needs",
            [("hello", "Log", new JsonObject { ["message"] = Js("getInput('cpr')") })],
            inputs: [new JsonObject { ["name"] = "cpr", ["type"] = "string", ["required"] = true }]));

        var result = await CliProcess.RunAsync(_dir.Path, "run", file, "--db", "store.db");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("input 'cpr'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--input cpr=", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.False(File.Exists(_dir.PathOf("store.db")), "a run that cannot start must not create the database");
    }

    [Fact]
    public async Task Run_FaultingWorkflow_Exits1WithIncidentOnStderr()
    {
        var file = _dir.Write("broken.json", Sequential(
            "broken",
            [
                ("before", "Log", new JsonObject { ["message"] = "starting" }),
                ("fail", "Fault", new JsonObject { ["message"] = "The referral has no patient" }),
            ],
            end: false));

        var result = await CliProcess.RunAsync(_dir.Path, "run", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("activity 'fail' (Fault)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("The referral has no patient", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["starting", "{}"], result.Stdout);
    }

    [Fact]
    public async Task Run_DelayBeyondMaxWait_Exits2AndListsTheTimerBookmark()
    {
        var file = _dir.Write("later.json", Sequential("later", [("wait", "Delay", new JsonObject { ["duration"] = "01:00:00" })]));

        var result = await CliProcess.RunAsync(_dir.Path, "run", file, "--max-wait", "1s");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Delay", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("activity 'wait'", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"due=\d{4}-\d\d-\d\dT", result.Stderr);
        Assert.Equal("{}", result.LastLine);
    }

    [Fact]
    public async Task Run_DelayWithinMaxWait_WaitsAndFinishes()
    {
        var file = _dir.Write("soon.json", Sequential(
            "soon",
            [
                ("wait", "Delay", new JsonObject { ["duration"] = "PT0.3S" }),
                ("after", "Log", new JsonObject { ["message"] = "after the delay" }),
            ]));

        var result = await CliProcess.RunAsync(_dir.Path, "run", file, "--max-wait", "10s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["after the delay", "{}"], result.Stdout);
    }

    [Fact]
    public async Task Run_MalformedJson_Exits1NamingLineAndPosition()
    {
        var file = _dir.Write("bad.json", "{\n  \"id\": \"bad\",\n  \"root\": { \"activities\": [ }\n}\n");

        var result = await CliProcess.RunAsync(_dir.Path, "run", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("bad.json", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("malformed JSON at line 3, position", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Run_InvalidDefinition_Exits1WithJsonPathAndStoresNothing()
    {
        var file = _dir.Write("typo.json", Sequential("typo", [("oops", "Lgo", [])]));

        var result = await CliProcess.RunAsync(_dir.Path, "run", file, "--db", "store.db");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("$.root.activities[1].type: unknown activity type 'Lgo'", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.PathOf("store.db")), "an invalid file must not create the database");
    }
}
