using System.Text.Json.Nodes;

namespace Automation.Cli.Tests;

/// <summary>Builds workflow files in our JSON format for the tests.</summary>
internal static class Flows
{
    /// <summary>A Start, then <paramref name="steps"/> one after another, then an End (unless <paramref name="end"/> is false).</summary>
    public static string Sequential(string id, IEnumerable<(string Id, string Type, JsonObject Inputs)> steps, JsonArray? inputs = null, JsonArray? outputs = null, JsonArray? variables = null, bool end = true)
    {
        var activities = new JsonArray { Activity("start", "Start", []) };
        var connections = new JsonArray();
        var previous = "start";
        foreach (var (stepId, type, stepInputs) in steps)
        {
            activities.Add(Activity(stepId, type, stepInputs));
            connections.Add(Connect(previous, stepId));
            previous = stepId;
        }

        if (end)
        {
            activities.Add(Activity("end", "End", []));
            connections.Add(Connect(previous, "end"));
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["inputs"] = inputs ?? [],
            ["outputs"] = outputs ?? [],
            ["variables"] = variables ?? [],
            ["root"] = new JsonObject { ["activities"] = activities, ["connections"] = connections },
        }.ToJsonString();
    }

    public static JsonObject Js(string script) => new() { ["js"] = script };

    public static JsonObject Connect(string from, string to, string? port = null)
    {
        var source = new JsonObject { ["activity"] = from };
        if (port is not null)
        {
            source["port"] = port;
        }

        return new JsonObject { ["source"] = source, ["target"] = new JsonObject { ["activity"] = to } };
    }

    private static JsonObject Activity(string id, string type, JsonObject inputs) =>
        new() { ["id"] = id, ["type"] = type, ["inputs"] = inputs };
}
