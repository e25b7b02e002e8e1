using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Operations;

/// <summary>An operator finding a faulted instance and retrying it from the activity that faulted.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class InstancePageTests(WebAppFixture fixture)
{
    private static string Rule(string body) => $$"""
        { "id": "web-hospital-rule", "name": "Hospital rule", "root": { "activities": [ {{body}} ], "connections": [] } }
        """;

    private const string Check = """
        {
          "id": "web-referral-check", "name": "Referral check",
          "outputs": [ { "name": "done", "type": "Boolean" } ],
          "root": {
            "activities": [
              { "id": "before", "type": "Log", "inputs": { "message": "checking" } },
              { "id": "check", "type": "RunWorkflow", "inputs": { "workflowId": "web-hospital-rule" } },
              { "id": "after", "type": "SetOutput", "inputs": { "output": "done", "value": true } }
            ],
            "connections": [
              { "source": { "activity": "before", "port": "Done" }, "target": { "activity": "check" } },
              { "source": { "activity": "check", "port": "Done" }, "target": { "activity": "after" } }
            ]
          }
        }
        """;

    [Fact]
    public async Task Retry_FaultedInstanceAfterTheRuleIsFixed_ConfirmedOnThePageAndTheInstanceFinishes()
    {
        // Arrange: the called rule fails, so the instance faults at "check"; then the rule is fixed.
        using var owner = await ServerApi.SignInAsync(fixture, "retry-owner", "ProcessOwner");
        await owner.PublishAsync(Rule("""{ "id": "refuse", "type": "Fault", "inputs": { "message": "The referral names no hospital" } }"""));
        await owner.PublishAsync(Check);
        var (id, status) = await owner.ExecuteAsync("web-referral-check", new { correlationId = "REF-99" });
        Assert.Equal("Faulted", status);
        await owner.PublishAsync(Rule("""{ "id": "accept", "type": "Log", "inputs": { "message": "rule passed" } }"""));

        // Act 1: the operator filters the list by workflow and status and opens the instance.
        await using var app = await fixture.OpenSignedInAsync("retry-operator", ["Operator"], "/operations/instances");
        await app.Page.GetByLabel("Flow (id)").FillAsync("web-referral-check");
        await app.Page.GetByLabel("Status").SelectOptionAsync("Faulted");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("REF-99");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-instances");
        await app.Page.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();

        // Assert 1: faulted, with the incident and the journal's faulted step and its details.
        var status1 = app.Page.GetByTestId("instance-status");
        await Assertions.Expect(status1).ToHaveTextAsync("Fejlet");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Region, new() { Name = "Hændelser" })).ToContainTextAsync("The referral names no hospital");
        var journal = app.Page.GetByRole(AriaRole.Region, new() { Name = "Journal" });
        await Assertions.Expect(journal.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await journal.GetByText("Detaljer before").ClickAsync();
        await Assertions.Expect(journal).ToContainTextAsync("checking");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-instance-faulted");

        // Act 2: retry asks first; "no" goes back, "yes" retries.
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Prøv igen fra fejlen" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByText("Kørslen fortsætter fra aktiviteten \"check\", der fejlede. Fortsæt?")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Nej, fortryd" }).ClickAsync();
        await Assertions.Expect(status1).ToHaveTextAsync("Fejlet");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Prøv igen fra fejlen" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Button, new() { Name = "Ja, prøv igen" })).ToBeFocusedAsync();
        await app.Page.Keyboard.PressAsync("Enter");

        // Assert 2: finished from the faulted step on; the incident is resolved.
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Kørslens status er nu" })).ToHaveTextAsync("Kørslens status er nu: Færdig.");
        await Assertions.Expect(status1).ToHaveTextAsync("Færdig");
        await Assertions.Expect(journal.GetByRole(AriaRole.Row)).ToHaveCountAsync(5);
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Region, new() { Name = "Hændelser" })).ToContainTextAsync("løst");
        await Assertions.Expect(app.Page.GetByTestId("instance-output")).ToContainTextAsync("\"done\": true");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-instance-retried");
    }

    [Fact]
    public async Task Cancel_SuspendedInstance_ConfirmedOnThePageAndTheInstanceIsCancelled()
    {
        using var owner = await ServerApi.SignInAsync(fixture, "cancel-owner", "ProcessOwner");
        await owner.PublishAsync("""
            {
              "id": "web-waits", "name": "Waits for an auditor",
              "root": { "activities": [ { "id": "ask", "type": "HumanTask", "inputs": { "title": "Sign off", "role": "Auditor", "outcomes": [ "Done" ] } } ], "connections": [] }
            }
            """);
        var (id, status) = await owner.ExecuteAsync("web-waits");
        Assert.Equal("Suspended", status);

        await using var app = await fixture.OpenSignedInAsync("cancel-operator", ["Operator"], $"/operations/instances/{id}");
        await Assertions.Expect(app.Page.GetByTestId("instance-status")).ToHaveTextAsync("Venter");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Region, new() { Name = "Overblik" })).ToContainTextAsync("ask");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Annullér kørslen" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByText("Vil du annullere kørslen? Den kan ikke genoptages bagefter.")).ToBeVisibleAsync();
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Ja, annullér" }).ClickAsync();

        await Assertions.Expect(app.Page.GetByTestId("instance-status")).ToHaveTextAsync("Annulleret");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Button, new() { Name = "Annullér kørslen" })).ToHaveCountAsync(0);
        Assert.Equal("Cancelled", (await owner.InstanceAsync(id))["status"]!.GetValue<string>());
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-instance-cancelled");
    }
}
