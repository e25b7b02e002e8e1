using Automation.Web.Tests.Infrastructure;
using Automation.Web.Tests.Operations;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Tasks;

/// <summary>A planner answering a human task in the inbox, and the flow going on at once.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class TaskInboxTests(WebAppFixture fixture)
{
    private const string Approval = """
        {
          "id": "web-transport-approval", "name": "Transport approval",
          "outputs": [ { "name": "decision", "type": "String" }, { "name": "note", "type": "String" } ],
          "variables": [ { "name": "answer", "type": "Object" } ],
          "root": {
            "activities": [
              { "id": "ask", "type": "HumanTask", "inputs": {
                  "title": "Approve the transport", "description": "The patient needs a lying transport.", "role": "Planner",
                  "fields": [ { "name": "note", "label": "Note to the driver", "type": "text", "required": true }, { "name": "seats", "label": "Seats", "type": "integer" } ],
                  "outcomes": [ "Approved", "Rejected" ], "resultVariable": "answer" } },
              { "id": "yes", "type": "SetOutput", "inputs": { "output": "decision", "value": "approved" } },
              { "id": "no", "type": "SetOutput", "inputs": { "output": "decision", "value": "rejected" } },
              { "id": "keep", "type": "SetOutput", "inputs": { "output": "note", "value": { "js": "variables.answer.answers.note + ' / ' + variables.answer.comment" } } }
            ],
            "connections": [
              { "source": { "activity": "ask", "port": "Approved" }, "target": { "activity": "yes" } },
              { "source": { "activity": "ask", "port": "Rejected" }, "target": { "activity": "no" } },
              { "source": { "activity": "yes", "port": "Done" }, "target": { "activity": "keep" } }
            ]
          }
        }
        """;

    [Fact]
    public async Task Answer_TaskForMyRole_FormAndOutcomeSentAndTheInstanceFinishes()
    {
        using var owner = await ServerApi.SignInAsync(fixture, "task-owner", "ProcessOwner");
        await owner.PublishAsync(Approval);
        var (id, status) = await owner.ExecuteAsync("web-transport-approval", new { correlationId = "TRANSPORT-7" });
        Assert.Equal("Suspended", status);

        // Act 1: the planner finds the task in the inbox and opens it.
        await using var app = await fixture.OpenSignedInAsync("task-planner", ["Planner"], "/tasks");
        var link = app.Page.GetByRole(AriaRole.Link, new() { Name = "Åbn Approve the transport" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approve the transport" })).ToContainTextAsync("TRANSPORT-7");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("tasks-inbox");
        await link.ClickAsync();

        // Assert 1: the task's context and form.
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Approve the transport");
        var context = app.Page.GetByRole(AriaRole.Region, new() { Name = "Sammenhæng" });
        await Assertions.Expect(context).ToContainTextAsync("TRANSPORT-7");
        await Assertions.Expect(context).ToContainTextAsync(id);
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("The patient needs a lying transport.");
        var outcomes = app.Page.GetByRole(AriaRole.Group, new() { Name = "Udfald" }).GetByRole(AriaRole.Button);
        await Assertions.Expect(outcomes).ToHaveTextAsync(["Approved", "Rejected"]);
        await Axe.AssertNoViolationsAsync(app.Page);

        // Act 2: approving without the required note is refused in the page, a wrong number by the server (its detail shown); then the answer goes.
        await outcomes.First.ClickAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Note to the driver skal udfyldes.");
        await app.Page.GetByLabel("Note to the driver (påkrævet)").FillAsync("Use the back entrance");
        await app.Page.GetByLabel("Seats").FillAsync("two");
        await app.Page.GetByLabel("Kommentar").FillAsync("Checked with the ward");
        await outcomes.First.ClickAsync();
        // The Danish page says what went wrong in Danish, then the server's own (English) words, marked as English.
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Serveren kunne ikke bruge det, der blev sendt.");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Alert).Locator("[lang=en]").First).ToContainTextAsync("Field 'Seats' of task 'Approve the transport'");
        await app.ScreenshotAsync("tasks-task-server-error");
        await app.Page.GetByLabel("Seats").FillAsync("2");
        await outcomes.First.ClickAsync();

        // Assert 2: the page shows the instance finished, the server holds the answer, and the task left the inbox.
        await Assertions.Expect(app.Page.GetByTestId("answered")).ToHaveTextAsync("Du svarede \"Approved\". Kørslen er nu: Færdig.");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("tasks-task-answered");
        var instance = await owner.InstanceAsync(id);
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());
        Assert.Equal("approved", instance["output"]!["decision"]!.GetValue<string>());
        Assert.Equal("Use the back entrance / Checked with the ward", instance["output"]!["note"]!.GetValue<string>());
        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til opgaver" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Opgaver");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Link, new() { Name = "Åbn Approve the transport" })).ToHaveCountAsync(0);
    }
}
