using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Operations;

/// <summary>An operator watching the robots at work: a real web robot session, then none.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class RobotsPageTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Robots_WebRobotWaitingOnATask_ShownWithItsItemAndGoneOnceTheInstanceIsCancelled()
    {
        // Arrange: a real web robot holds an item of "ward-transfers" and waits on a task with its browser open.
        RobotFlow.AddTarget(fixture, "ward-web");
        await RobotFlow.AddItemAsync(fixture, "ward-transfers", "CPR 0101901234");
        using var owner = await ServerApi.SignInAsync(fixture, "robots-owner", "ProcessOwner", "Operator");
        await owner.PublishAsync(RobotFlow.Definition("web-ward-transfer", "Ward transfer", "ward-web", "ward-transfers", "Planner"));
        var (id, status) = await owner.ExecuteAsync("web-ward-transfer", new { correlationId = "WARD-12" });
        Assert.Equal("Suspended", status);

        // Act 1: the operator opens Robots from the Operations menu.
        await using var app = await fixture.OpenSignedInAsync("robots-operator", ["Operator"], "/operations");
        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Robotter" }).ClickAsync();

        // Assert 1: the session with its target, driver, instance, workflow and the item's masked business key.
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Robotter");
        var row = app.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ward-web" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("web (browser)");
        await Assertions.Expect(row).ToContainTextAsync("Ward transfer");
        await Assertions.Expect(row).ToContainTextAsync("WARD-12");
        await Assertions.Expect(row).ToContainTextAsync("ward-transfers: CPR ******-****");
        await Assertions.Expect(row).ToContainTextAsync("Lease fornyet");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = id })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-robots");

        // Act 2: the instance is cancelled, which closes its robot's browser; the operator refreshes.
        var cancelled = await app.Context.APIRequest.PostAsync($"/api/instances/{id}/cancel");
        Assert.True(cancelled.Ok, await cancelled.TextAsync());
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Opdatér nu" }).ClickAsync();

        // Assert 2: no session left, and the page says why the list is empty.
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Ingen robotter" })).ToHaveTextAsync("Ingen robotter arbejder lige nu.");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("En robotsession åbnes, når en kørsel når aktiviteten \"Open\"");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Table, new() { Name = "Robotter" })).ToHaveCountAsync(0);

        // The cancelled instance never reported its item: the lease it left behind is listed under its owner until it runs out.
        var leftBehind = app.Page.GetByRole(AriaRole.Region, new() { Name = "Elementer i gang uden robotsession her" }).GetByRole(AriaRole.Row).Filter(new() { HasText = id });
        await Assertions.Expect(leftBehind).ToContainTextAsync("ward-transfers: CPR ******-****");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-robots-empty");
    }
}
