using Automation.Web.Tests.Infrastructure;
using Automation.Web.Tests.Operations;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Tasks;

/// <summary>The robot's screenshot shown to the person answering its task, and in the instance's journal for operators.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class TaskEvidenceTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Evidence_RobotScreenshotBeforeATask_ShownOnTheTaskAndAsAThumbnailInTheJournal()
    {
        // Arrange: a real web robot photographs the target system, then asks a planner to check its work.
        RobotFlow.AddTarget(fixture, "evidence-web");
        await RobotFlow.AddItemAsync(fixture, "evidence-transfers", "REF-4711");
        using var owner = await ServerApi.SignInAsync(fixture, "evidence-owner", "ProcessOwner");
        await owner.PublishAsync(RobotFlow.Definition("web-evidence-transfer", "Evidence transfer", "evidence-web", "evidence-transfers", "Planner"));
        var (id, status) = await owner.ExecuteAsync("web-evidence-transfer", new { correlationId = "REF-4711" });
        Assert.Equal("Suspended", status);

        // Act 1: the operator opens the instance.
        await using (var ops = await fixture.OpenSignedInAsync("evidence-operator", ["Operator"], $"/operations/instances/{id}"))
        {
            // Assert 1: the screenshot step's journal row has a thumbnail that really loaded, linking to the evidence.
            var journal = ops.Page.GetByRole(AriaRole.Region, new() { Name = "Journal" });
            var thumbnail = journal.GetByRole(AriaRole.Img, new() { Name = $"Skærmbillede fra trinnet \"{RobotFlow.ScreenshotStep}\"" });
            await Assertions.Expect(thumbnail).ToHaveCountAsync(1);
            await AssertLoadedAsync(thumbnail);
            var link = thumbnail.Locator("xpath=ancestor::a");
            await Assertions.Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/api/evidence/[0-9a-f]{64}$"));
            await Axe.AssertNoViolationsAsync(ops.Page);
            await ops.ScreenshotAsync("operations-instance-evidence");
        }

        // Act 2: the planner, who cannot read instances, opens the task.
        await using var app = await fixture.OpenSignedInAsync("evidence-planner", ["Planner"], "/tasks");
        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Åbn Check the transfer" }).First.ClickAsync();

        // Assert 2: the robot's screenshot is shown with its alt text and loaded through the task's own evidence address.
        var evidence = app.Page.GetByRole(AriaRole.Region, new() { Name = "Bevis fra robotten" });
        var screenshot = evidence.GetByRole(AriaRole.Img, new() { Name = $"Robottens skærmbillede fra trinnet \"{RobotFlow.ScreenshotStep}\"" });
        await Assertions.Expect(screenshot).ToBeVisibleAsync();
        await AssertLoadedAsync(screenshot);
        await Assertions.Expect(screenshot).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/api/tasks/[^/]+/evidence/[0-9a-f]{64}$"));
        await Assertions.Expect(evidence).ToContainTextAsync("Robot.Screenshot");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("tasks-task-evidence");

        // Act 3 / Assert 3: answering still works, and the flow (with its robot) finishes.
        await app.Page.GetByRole(AriaRole.Group, new() { Name = "Udfald" }).GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByTestId("answered")).ToHaveTextAsync("Du svarede \"Done\". Kørslen er nu: Færdig.");
    }

    // A broken image still has its alt text; only a decoded picture has a width.
    private static async Task AssertLoadedAsync(ILocator image)
    {
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The screenshot did not load.");
    }
}
