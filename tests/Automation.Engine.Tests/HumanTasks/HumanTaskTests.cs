using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.HumanTasks;

public sealed class HumanTaskTests
{
    private const string Approval = """
    {
      "id": "approval", "name": "Approval",
      "variables": [{ "name": "answer", "type": "object" }],
      "outputs": [{ "name": "answer" }],
      "root": {
        "activities": [
          { "id": "approve", "type": "HumanTask", "inputs": {
              "title": "Approve transport for referral R-17",
              "description": "Check the pickup address.",
              "role": "Operator",
              "fields": [
                { "name": "reason", "label": "Reason", "type": "text", "required": true },
                { "name": "seats", "label": "Seats", "type": "integer" }
              ],
              "resultVariable": "answer" } },
          { "id": "yes", "type": "Log", "inputs": { "message": "approved" } },
          { "id": "no", "type": "Log", "inputs": { "message": "rejected" } }
        ],
        "connections": [
          { "source": { "activity": "approve", "port": "Approved" }, "target": { "activity": "yes" } },
          { "source": { "activity": "approve", "port": "Rejected" }, "target": { "activity": "no" } }
        ]
      }
    }
    """;

    [Fact]
    public async Task StartAsync_HumanTask_SuspendsWithTheFormInTheBookmarkForItsRole()
    {
        using var engine = new TestEngine();
        var definition = await PublishAsync(engine);

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Suspended, result.Status);
        var bookmark = Assert.Single(await engine.Store.FindBookmarksAsync(BookmarkKinds.HumanTask, "Operator", CancellationToken.None));
        Assert.Equal(result.InstanceId, bookmark.InstanceId);
        var form = bookmark.Payload!;
        Assert.Equal("Approve transport for referral R-17", form["title"]!.GetValue<string>());
        Assert.Equal("Check the pickup address.", form["description"]!.GetValue<string>());
        Assert.Equal("Operator", form["role"]!.GetValue<string>());
        Assert.Equal(["Approved", "Rejected"], form["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(["reason", "seats"], form["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.True(form["fields"]![0]!["required"]!.GetValue<bool>());
        Assert.False(form["fields"]![1]!["required"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("Approved", "approved")]
    [InlineData("Rejected", "rejected")]
    public async Task ResumeBookmarkAsync_Answer_ContinuesThroughTheChosenOutcomeAndStoresTheAnswer(string outcome, string logged)
    {
        using var engine = new TestEngine();
        var started = await engine.RunAsync(await PublishAsync(engine));

        var result = await engine.Runtime.ResumeBookmarkAsync(started.Bookmarks[0].Id, Answer(outcome, new JsonObject { ["reason"] = "ok", ["seats"] = "2" }), CancellationToken.None);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal([logged], engine.Log.Lines);
        var answer = result.Output["answer"]!;
        Assert.Equal(outcome, answer["outcome"]!.GetValue<string>());
        Assert.Equal("ok", answer["answers"]!["reason"]!.GetValue<string>());
        Assert.Equal(2, answer["answers"]!["seats"]!.GetValue<long>());
        Assert.Equal("Looks right", answer["comment"]!.GetValue<string>());
        Assert.Equal("operator1", answer["answeredBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResumeBookmarkAsync_UnknownOutcome_IsRefusedAndTheSameBookmarkStillWaits()
    {
        using var engine = new TestEngine();
        var started = await engine.RunAsync(await PublishAsync(engine));
        var bookmarkId = started.Bookmarks[0].Id;

        var error = await Assert.ThrowsAsync<ResumeRejectedException>(
            () => engine.Runtime.ResumeBookmarkAsync(bookmarkId, Answer("Maybe", new JsonObject { ["reason"] = "ok" }), CancellationToken.None));

        Assert.Contains("'Maybe'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Approved, Rejected", error.Message, StringComparison.Ordinal);
        var stored = (await engine.Store.GetInstanceAsync(started.InstanceId, CancellationToken.None))!;
        Assert.Equal(InstanceStatus.Suspended, stored.Status);
        Assert.Null(stored.LeaseOwner);
        Assert.Equal(bookmarkId, Assert.Single(stored.State.Bookmarks).Id);
        Assert.NotNull(await engine.Store.GetBookmarkAsync(bookmarkId, CancellationToken.None));
        Assert.Empty(stored.State.Incidents);

        var answered = await engine.Runtime.ResumeBookmarkAsync(bookmarkId, Answer("Approved", new JsonObject { ["reason"] = "ok" }), CancellationToken.None);
        Assert.Equal(InstanceStatus.Finished, answered.Status);
        Assert.Equal(["approved"], engine.Log.Lines);
    }

    [Fact]
    public async Task ResumeBookmarkAsync_MissingRequiredField_IsRefusedNamingTheField()
    {
        using var engine = new TestEngine();
        var started = await engine.RunAsync(await PublishAsync(engine));
        var bookmarkId = started.Bookmarks[0].Id;

        var error = await Assert.ThrowsAsync<ResumeRejectedException>(
            () => engine.Runtime.ResumeBookmarkAsync(bookmarkId, Answer("Approved", new JsonObject { ["reason"] = "  " }), CancellationToken.None));

        Assert.Contains("'Reason'", error.Message, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Suspended, (await engine.Store.GetInstanceAsync(started.InstanceId, CancellationToken.None))!.Status);
        Assert.NotNull(await engine.Store.GetBookmarkAsync(bookmarkId, CancellationToken.None));
        Assert.Empty(engine.Log.Lines);
    }

    [Fact]
    public async Task StartAsync_RoleThatDoesNotExist_IsAValidationErrorListingTheRoles()
    {
        using var engine = new TestEngine();
        var definition = TestEngine.Parse(Approval.Replace("\"role\": \"Operator\"", "\"role\": \"Nurse\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => engine.RunAsync(definition));

        Assert.Contains("'Nurse'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ProcessOwner", error.Message, StringComparison.Ordinal);
    }

    private static async Task<WorkflowDefinition> PublishAsync(TestEngine engine) =>
        await engine.Definitions.PublishIfChangedAsync(TestEngine.Parse(Approval), CancellationToken.None);

    private static JsonObject Answer(string outcome, JsonObject answers) => new()
    {
        ["outcome"] = outcome,
        ["answers"] = answers,
        ["comment"] = "Looks right",
        ["answeredBy"] = "operator1",
    };
}
