using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Definitions;
using Automation.Server.Tests.Errors;

namespace Automation.Server.Tests.Tasks;

/// <summary>The human-task inbox: who sees a task, and what answering it does.</summary>
public sealed class TasksApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Inbox_TaskAssignedToOperator_OperatorSeesItAndPlannerDoesNot()
    {
        var (instanceId, _) = await StartApprovalAsync("inbox");

        var operatorTasks = await InboxAsync(api.Operator);
        var plannerTasks = await InboxAsync(api.Planner);

        var task = Assert.Single(operatorTasks, t => t!["instanceId"].Text() == instanceId);
        Assert.Equal("Approve transport inbox", task!["task"]!["payload"]!["title"].Text());
        Assert.Equal(["Approved", "Rejected"], task["task"]!["payload"]!["outcomes"]!.AsArray().Select(o => o.Text()));
        Assert.Equal("inbox", task["definitionId"].Text());
        Assert.DoesNotContain(plannerTasks, t => t!["instanceId"].Text() == instanceId);
    }

    [Fact]
    public async Task Answer_UnknownOutcome_Returns400AndTheTaskStaysOpen()
    {
        var (instanceId, taskId) = await StartApprovalAsync("unknown-outcome");

        var response = await api.Operator.PostAsJsonAsync($"/api/tasks/{taskId}/answer", new { outcome = "Maybe" });

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "choose one of: Approved, Rejected");
        Assert.Contains(await InboxAsync(api.Operator), t => t!["task"]!["id"].Text() == taskId);
        Assert.Equal("Suspended", (await Api.GetInstanceAsync(api.Operator, instanceId))["status"].Text());
    }

    [Fact]
    public async Task Answer_Approved_FinishesTheFlowThroughApprovedAndClosesTheTask()
    {
        var (instanceId, taskId) = await StartApprovalAsync("approved");

        var result = await (await api.Operator.PostAsJsonAsync($"/api/tasks/{taskId}/answer", new { outcome = "Approved", comment = "fine" }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();

        Assert.Equal("Finished", result["status"].Text());
        Assert.Equal("approved", result["output"]!["decision"].Text());
        Assert.DoesNotContain(await InboxAsync(api.Operator), t => t!["task"]!["id"].Text() == taskId);
        var journal = await (await api.Operator.GetAsync($"/api/instances/{instanceId}/journal").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
        Assert.Equal(["ask:Suspended", "ask:Approved", "yes:Done"], journal.Select(e => $"{e!["activityId"].Text()}:{e["outcome"].Text()}"));
    }

    [Fact]
    public async Task Answer_ByAPlanner_Returns403AndTheTaskStaysOpen()
    {
        var (_, taskId) = await StartApprovalAsync("planner-answers");

        var response = await api.Planner.PostAsJsonAsync($"/api/tasks/{taskId}/answer", new { outcome = "Approved" });

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "role Operator");
        Assert.Contains(await InboxAsync(api.Operator), t => t!["task"]!["id"].Text() == taskId);
    }

    private async Task<(string InstanceId, string TaskId)> StartApprovalAsync(string id)
    {
        await Api.PublishAsync(api.Owner, TestFlows.Approval(id));
        var started = await (await Api.ExecuteAsync(api.Operator, id).ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync();
        var instance = await Api.GetInstanceAsync(api.Operator, started["instanceId"].Text());
        var bookmark = Assert.Single(instance["bookmarks"]!.AsArray());
        Assert.Equal("HumanTask", bookmark!["kind"].Text());
        return (started["instanceId"].Text(), bookmark["id"].Text());
    }

    private static async Task<JsonArray> InboxAsync(HttpClient client) =>
        await (await client.GetAsync("/api/tasks").ExpectAsync(HttpStatusCode.OK)).ReadArrayAsync();
}
