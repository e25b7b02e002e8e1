namespace Automation.Server.Tests.Scheduling;

/// <summary>Small workflows for the scheduling tests, each with the id (and triggers) the test gives.</summary>
internal static class Flows
{
    /// <summary>Records its <c>firedAt</c> input as output; started by <paramref name="triggers"/> (JSON array text).</summary>
    public static string Scheduled(string id, string triggers) => $$"""
        {
          "id": "{{id}}", "name": "Scheduled {{id}}",
          "triggers": {{triggers}},
          "outputs": [ { "name": "firedAt", "type": "String" } ],
          "root": {
            "activities": [
              { "id": "record", "type": "SetOutput", "inputs": { "output": "firedAt", "value": { "js": "String(input.firedAt)" } } }
            ],
            "connections": []
          }
        }
        """;

    /// <summary>Waits <paramref name="duration"/> in a Delay, then outputs <c>done: true</c>.</summary>
    public static string Delayed(string id, string duration) => $$"""
        {
          "id": "{{id}}", "name": "Delayed {{id}}",
          "outputs": [ { "name": "done", "type": "Boolean" } ],
          "root": {
            "activities": [
              { "id": "wait", "type": "Delay", "inputs": { "duration": "{{duration}}" } },
              { "id": "finish", "type": "SetOutput", "inputs": { "output": "done", "value": true } }
            ],
            "connections": [ { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "finish" } } ]
          }
        }
        """;
}
