namespace Automation.Server.Tests.Definitions;

/// <summary>Small workflows in the product's format, each with the id the test gives so tests sharing a server do not collide.</summary>
internal static class TestFlows
{
    /// <summary>Greets <c>who</c>; keeps the caller's CPR number (personal) in a personal variable.</summary>
    public static string Greeting(string id, string greeting = "Hello") => $$"""
        {
          "id": "{{id}}", "name": "Greeting {{id}}",
          "inputs": [
            { "name": "who", "type": "String", "required": true },
            { "name": "cpr", "type": "String", "personal": true }
          ],
          "outputs": [ { "name": "greeting", "type": "String" } ],
          "variables": [ { "name": "patient", "type": "String", "personal": true } ],
          "root": {
            "activities": [
              { "id": "remember", "type": "SetVariable", "inputs": { "variable": "patient", "value": { "js": "input.cpr || ''" } } },
              { "id": "greet", "type": "SetOutput", "inputs": { "output": "greeting", "value": { "js": "'{{greeting}}, ' + input.who" } } }
            ],
            "connections": [ { "source": { "activity": "remember", "port": "Done" }, "target": { "activity": "greet" } } ]
          }
        }
        """;

    /// <summary>Five SetVariable steps in a row, counting to five.</summary>
    public static string FiveSteps(string id) => $$"""
        {
          "id": "{{id}}", "name": "Five steps {{id}}",
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

    /// <summary>Waits for <paramref name="signal"/>, stores its payload (of <paramref name="answerType"/>) and answers with it.</summary>
    public static string WaitsForSignal(string id, string signal, string answerType = "String") => $$"""
        {
          "id": "{{id}}", "name": "Waits for {{signal}}",
          "outputs": [ { "name": "reply", "type": "String" } ],
          "variables": [ { "name": "answer", "type": "{{answerType}}" } ],
          "root": {
            "activities": [
              { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "{{signal}}", "resultVariable": "answer" } },
              { "id": "reply", "type": "SetOutput", "inputs": { "output": "reply", "value": { "js": "'got ' + variables.answer" } } }
            ],
            "connections": [ { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "reply" } } ]
          }
        }
        """;

    /// <summary>Asks an Operator to approve; the decision is the output.</summary>
    public static string Approval(string id) => $$"""
        {
          "id": "{{id}}", "name": "Approval {{id}}",
          "outputs": [ { "name": "decision", "type": "String" } ],
          "root": {
            "activities": [
              { "id": "ask", "type": "HumanTask", "inputs": { "title": "Approve transport {{id}}", "role": "Operator", "outcomes": [ "Approved", "Rejected" ] } },
              { "id": "yes", "type": "SetOutput", "inputs": { "output": "decision", "value": "approved" } },
              { "id": "no", "type": "SetOutput", "inputs": { "output": "decision", "value": "rejected" } }
            ],
            "connections": [
              { "source": { "activity": "ask", "port": "Approved" }, "target": { "activity": "yes" } },
              { "source": { "activity": "ask", "port": "Rejected" }, "target": { "activity": "no" } }
            ]
          }
        }
        """;

    /// <summary>A business rule that fails: the parent that calls it faults at the call.</summary>
    public static string FailingRule(string id) => $$"""
        {
          "id": "{{id}}", "name": "Rule {{id}}",
          "root": { "activities": [ { "id": "refuse", "type": "Fault", "inputs": { "message": "The referral names no hospital", "code": "NoHospital" } } ], "connections": [] }
        }
        """;

    /// <summary>The same rule once fixed.</summary>
    public static string PassingRule(string id) => $$"""
        {
          "id": "{{id}}", "name": "Rule {{id}}",
          "root": { "activities": [ { "id": "accept", "type": "Log", "inputs": { "message": "rule passed" } } ], "connections": [] }
        }
        """;

    /// <summary>Logs, runs the latest published <paramref name="ruleId"/>, then reports it is done.</summary>
    public static string CallsRule(string id, string ruleId) => $$"""
        {
          "id": "{{id}}", "name": "Checks {{ruleId}}",
          "outputs": [ { "name": "done", "type": "Boolean" } ],
          "root": {
            "activities": [
              { "id": "before", "type": "Log", "inputs": { "message": "checking" } },
              { "id": "check", "type": "RunWorkflow", "inputs": { "workflowId": "{{ruleId}}" } },
              { "id": "after", "type": "SetOutput", "inputs": { "output": "done", "value": true } }
            ],
            "connections": [
              { "source": { "activity": "before", "port": "Done" }, "target": { "activity": "check" } },
              { "source": { "activity": "check", "port": "Done" }, "target": { "activity": "after" } }
            ]
          }
        }
        """;
}
