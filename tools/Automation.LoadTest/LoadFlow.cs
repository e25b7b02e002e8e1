namespace Automation.LoadTest;

/// <summary>The workflow under load: five SetVariable steps with a JavaScript expression each, the count as output.</summary>
internal static class LoadFlow
{
    public const int Steps = 5;

    public static string Json(string id) => $$"""
        {
          "id": "{{id}}", "name": "Load check: five steps",
          "outputs": [ { "name": "count", "type": "Integer" } ],
          "variables": [ { "name": "count", "type": "Integer", "default": 0 } ],
          "root": {
            "activities": [
              { "id": "s1", "type": "SetVariable", "inputs": { "variable": "count", "value": { "js": "variables.count + 1" } } },
              { "id": "s2", "type": "SetVariable", "inputs": { "variable": "count", "value": { "js": "variables.count + 1" } } },
              { "id": "s3", "type": "SetVariable", "inputs": { "variable": "count", "value": { "js": "variables.count + 1" } } },
              { "id": "s4", "type": "SetVariable", "inputs": { "variable": "count", "value": { "js": "variables.count + 1" } } },
              { "id": "s5", "type": "SetVariable", "inputs": { "variable": "count", "value": { "js": "variables.count + 1" } } }
            ],
            "connections": [
              { "source": { "activity": "s1", "port": "Done" }, "target": { "activity": "s2" } },
              { "source": { "activity": "s2", "port": "Done" }, "target": { "activity": "s3" } },
              { "source": { "activity": "s3", "port": "Done" }, "target": { "activity": "s4" } },
              { "source": { "activity": "s4", "port": "Done" }, "target": { "activity": "s5" } }
            ]
          }
        }
        """;
}
