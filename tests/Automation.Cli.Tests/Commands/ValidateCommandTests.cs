using System.Text.Json.Nodes;
using static Automation.Cli.Tests.Flows;

namespace Automation.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Validate_SeveralProblems_ListsEachWithItsJsonPathAndExits1()
    {
        var file = _dir.Write("problems.json", new JsonObject
        {
            ["id"] = "problems",
            ["root"] = new JsonObject
            {
                ["activities"] = new JsonArray
                {
                    new JsonObject { ["id"] = "start", ["type"] = "Start" },
                    new JsonObject { ["id"] = "mystery", ["type"] = "SendTelex" },
                    new JsonObject { ["id"] = "silent", ["type"] = "Log", ["inputs"] = new JsonObject() },
                    new JsonObject { ["id"] = "script", ["type"] = "Log", ["inputs"] = new JsonObject { ["message"] = Js("'a' + (") } },
                },
                ["connections"] = new JsonArray
                {
                    Connect("start", "mystery"),
                    Connect("mystery", "silent"),
                    Connect("silent", "script"),
                    Connect("script", "nowhere"),
                },
            },
        }.ToJsonString());

        var result = await CliProcess.RunAsync(_dir.Path, "validate", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(result.Stdout, l => l.StartsWith("$.root.activities[1].type: unknown activity type 'SendTelex'", StringComparison.Ordinal));
        Assert.Contains(result.Stdout, l => l.StartsWith("$.root.activities[2].inputs.message: ", StringComparison.Ordinal) && l.Contains("needs input 'message'", StringComparison.Ordinal));
        Assert.Contains(result.Stdout, l => l.StartsWith("$.root.activities[3].inputs.message: JavaScript syntax error", StringComparison.Ordinal) && l.Contains("line 1, column 8", StringComparison.Ordinal));
        Assert.Contains(result.Stdout, l => l.StartsWith("$.root.connections[3].target.activity: ", StringComparison.Ordinal) && l.Contains("'nowhere'", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Stdout, l => l.StartsWith("OK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_UnreachableActivity_ListsItAndExits1()
    {
        var file = _dir.Write("island.json", new JsonObject
        {
            ["id"] = "island",
            ["root"] = new JsonObject
            {
                ["activities"] = new JsonArray
                {
                    new JsonObject { ["id"] = "start", ["type"] = "Start" },
                    new JsonObject { ["id"] = "end", ["type"] = "End" },
                    new JsonObject { ["id"] = "start2", ["type"] = "Start" },
                    new JsonObject { ["id"] = "orphan", ["type"] = "Log", ["inputs"] = new JsonObject { ["message"] = "never" } },
                },
                ["connections"] = new JsonArray { Connect("start", "end"), Connect("start2", "orphan") },
            },
        }.ToJsonString());

        var result = await CliProcess.RunAsync(_dir.Path, "validate", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(result.Stdout, l => l.StartsWith("$.root.activities[3]: activity 'orphan' can never run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ValidFile_PrintsOkWithCountsAndExits0()
    {
        var file = _dir.Write("fine.json", Sequential("fine", [("hello", "Log", new JsonObject { ["message"] = "hi" })]));

        var result = await CliProcess.RunAsync(_dir.Path, "validate", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["OK: 3 activities, 2 connections"], result.Stdout);
    }

    [Fact]
    public async Task Validate_MalformedJson_NamesLineAndPositionAndExits1()
    {
        var file = _dir.Write("torn.json", "{\n  \"id\": \"torn\",\n  \"root\": {\n    \"activities\": [\n      { \"id\": \"a\" \"type\": \"Log\" }\n    ]\n  }\n}\n");

        var result = await CliProcess.RunAsync(_dir.Path, "validate", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.Stdout);
        Assert.Matches(@"^\$\S*: malformed JSON at line 5, position \d+: ", line);
    }
}
