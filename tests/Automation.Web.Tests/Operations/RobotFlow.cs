using Automation.Engine.Queues;
using Automation.Robots.Targets;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Automation.Web.Tests.Operations;

/// <summary>
/// A flow whose real web robot (the server's Playwright driver in Debian's Chromium) takes a queue item, opens a
/// target system, photographs it and then waits on a human task, so its session stays open and its screenshot is
/// real evidence in the journal. The target system is the test server itself: a page the test serves.
/// </summary>
internal static class RobotFlow
{
    public const string ScreenshotStep = "shoot";

    /// <summary>Registers target <paramref name="target"/> (the test server's health page) before any flow uses it.</summary>
    public static void AddTarget(WebAppFixture fixture, string target)
    {
        var options = fixture.Server.Services.GetRequiredService<IOptions<RobotOptions>>().Value;
        options.Targets[target] = new TargetSystem { Name = target, Kind = "web", BaseUrl = fixture.Server.BaseAddress };
    }

    public static Task AddItemAsync(WebAppFixture fixture, string queue, string businessKey) =>
        fixture.Server.Services.GetRequiredService<IWorkQueueStore>().AddAsync(new NewWorkQueueItem(queue, businessKey), CancellationToken.None);

    /// <summary>GetNextItem → Open → Navigate → Screenshot → a task for <paramref name="role"/> (outcome Done).</summary>
    public static string Definition(string id, string name, string target, string queue, string role) => $$"""
        {
          "id": "{{id}}", "name": "{{name}}",
          "root": {
            "activities": [
              { "id": "take", "type": "GetNextItem", "inputs": { "queue": "{{queue}}" } },
              { "id": "open", "type": "Robot.Open", "inputs": { "target": "{{target}}" } },
              { "id": "look", "type": "Robot.Navigate", "inputs": { "target": "{{target}}", "url": "health/live" } },
              { "id": "{{ScreenshotStep}}", "type": "Robot.Screenshot", "inputs": { "target": "{{target}}" } },
              { "id": "check", "type": "HumanTask", "inputs": { "title": "Check the transfer", "role": "{{role}}", "outcomes": [ "Done" ] } }
            ],
            "connections": [
              { "source": { "activity": "take", "port": "Item" }, "target": { "activity": "open" } },
              { "source": { "activity": "open", "port": "Done" }, "target": { "activity": "look" } },
              { "source": { "activity": "look", "port": "Done" }, "target": { "activity": "{{ScreenshotStep}}" } },
              { "source": { "activity": "{{ScreenshotStep}}", "port": "Done" }, "target": { "activity": "check" } }
            ]
          }
        }
        """;
}
