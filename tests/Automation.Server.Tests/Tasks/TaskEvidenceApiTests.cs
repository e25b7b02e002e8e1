using System.Net;
using Automation.Robots.Sessions;
using Automation.Server.Security;
using Automation.Server.Tests.Definitions;
using Automation.Server.Tests.Errors;
using Automation.Server.Tests.Infrastructure;
using Automation.Server.Tests.Robots;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Tasks;

/// <summary>The robot's evidence shown to whoever answers its task, and to no one else.</summary>
public sealed class TaskEvidenceApiTests(FakeRobotServer server) : IClassFixture<FakeRobotServer>
{
    private const string Flow = """
        {
          "id": "task-evidence", "name": "Checked transfer",
          "root": {
            "activities": [
              { "id": "open", "type": "Robot.Open", "inputs": { "target": "ward" } },
              { "id": "shoot", "type": "Robot.Screenshot", "inputs": { "target": "ward" } },
              { "id": "check", "type": "HumanTask", "inputs": { "title": "Check the transfer", "role": "Planner", "outcomes": [ "Done" ] } }
            ],
            "connections": [
              { "source": { "activity": "open", "port": "Done" }, "target": { "activity": "shoot" } },
              { "source": { "activity": "shoot", "port": "Done" }, "target": { "activity": "check" } }
            ]
          }
        }
        """;

    [Fact]
    public async Task Evidence_PlannerAnsweringTheTask_ListsTheScreenshotAndReadsItsPng()
    {
        var taskId = await StartAsync();

        var list = await (await server.Planner.GetAsync($"/api/tasks/{taskId}/evidence").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        var shot = Assert.Single(list)!;
        var sha256 = shot["sha256"]!.GetValue<string>();
        var content = await server.Planner.GetAsync($"/api/tasks/{taskId}/evidence/{sha256}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("shoot", shot["activityId"]!.GetValue<string>());
        Assert.Equal("image/png", shot["mediaType"]!.GetValue<string>());
        Assert.Equal("evidence:sha256:" + sha256, shot["reference"]!.GetValue<string>());
        Assert.Equal("image/png", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FakeRobotDriver.Png, await content.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Evidence_UserWithoutTheTasksRole_Forbidden()
    {
        var taskId = await StartAsync();
        using var auditor = await server.Factory.SignedInAsAsync("evidence-auditor", Roles.Auditor);

        var response = await auditor.GetAsync($"/api/tasks/{taskId}/evidence");

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "role Planner");
    }

    [Fact]
    public async Task Evidence_HashNotNamedByTheTasksInstance_NotFound()
    {
        var taskId = await StartAsync();
        var other = new string('a', 64);

        var response = await server.Planner.GetAsync($"/api/tasks/{taskId}/evidence/{other}");

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "is not evidence of task");
    }

    private async Task<string> StartAsync()
    {
        await Api.PublishAsync(server.Operator, Flow);
        var started = await (await Api.ExecuteAsync(server.Operator, "task-evidence").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync();
        var instanceId = started["instanceId"]!.GetValue<string>();
        var tasks = await (await server.Planner.GetAsync("/api/tasks").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        return tasks.Single(t => t!["instanceId"]!.GetValue<string>() == instanceId)!["task"]!["id"]!.GetValue<string>();
    }
}
