using System.Text.Json.Nodes;
using Automation.Engine.Queues;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Operations;

/// <summary>An operator settling an in-doubt work queue item in the browser.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class QueueItemsPageTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Resolve_InDoubtItem_OperatorGivesAReasonAndTheItemIsDone()
    {
        // Arrange: a robot took the item and died before reporting: its (1 ms) lease runs out and the item is InDoubt,
        // exactly as the queue store does it for a robot killed between writing and verifying.
        const string Queue = "web-referrals";
        var store = fixture.Server.Services.GetRequiredService<IWorkQueueStore>();
        var added = await store.AddAsync(new NewWorkQueueItem(Queue, "REF-4711", new JsonObject { ["patient"] = "Ada" }), CancellationToken.None);
        await store.AddAsync(new NewWorkQueueItem(Queue, "REF-4712"), CancellationToken.None);
        await store.TryTakeNextAsync(Queue, "robot-that-died", TimeSpan.FromMilliseconds(1), CancellationToken.None);
        await using var app = await fixture.OpenSignedInAsync("queue-operator", ["Operator"], "/operations");
        await app.Page.EvaluateAsync("() => localStorage.setItem('automation.language', 'en')");

        // Act 1: the queues page shows the counts; the in-doubt count leads to the item.
        await app.Page.GotoAsync("/operations/queues");
        var row = app.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = Queue });
        await Assertions.Expect(row).ToContainTextAsync("1");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-queues");
        await row.GetByRole(AriaRole.Link, new() { Name = $"{Queue}: In doubt 1" }).ClickAsync();

        // Assert 1: only the in-doubt item, highlighted and explained, with its attempt by the robot.
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Queue: {Queue}");
        await Assertions.Expect(app.Page.GetByLabel("State")).ToHaveValueAsync("InDoubt");
        var item = app.Page.GetByTestId("item-REF-4711");
        await Assertions.Expect(item).ToContainTextAsync("the robot stopped between writing and verifying; check the target system before resolving");
        await Assertions.Expect(item.GetByRole(AriaRole.Table)).ToContainTextAsync("robot-that-died");
        await Assertions.Expect(app.Page.GetByTestId("item-REF-4712")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-queue-in-doubt");

        // Act 2: resolving without a reason is refused on the page; with one it goes through.
        await item.GetByRole(AriaRole.Button, new() { Name = "Mark resolved REF-4711" }).ClickAsync();
        var reason = item.GetByLabel("Reason (required)");
        await Assertions.Expect(reason).ToBeFocusedAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Mark resolved", Exact = true }).ClickAsync();
        await Assertions.Expect(item.GetByRole(AriaRole.Alert)).ToContainTextAsync("Write why the item counts as resolved.");
        await Axe.AssertNoViolationsAsync(app.Page);
        await reason.FillAsync("Checked in system B: the referral was registered");
        await reason.PressAsync("Tab");
        await app.Page.Keyboard.PressAsync("Enter");

        // Assert 2: the page says so, the item left the in-doubt list, and the server holds the reason and who gave it.
        await Assertions.Expect(app.Page.GetByText("Item REF-4711 was marked resolved.")).ToBeVisibleAsync();
        await Assertions.Expect(app.Page.GetByText("No items in this state.")).ToBeVisibleAsync();
        var stored = await store.GetAsync(added.Item.Id, CancellationToken.None);
        Assert.Equal(WorkQueueItemState.Done, stored!.State);
        Assert.Equal("Checked in system B: the referral was registered", stored.Resolution!.Reason);
        Assert.Equal("queue-operator", stored.Resolution.By);
    }

    [Fact]
    public async Task Retry_BusinessFailedItem_OperatorPutsItBackToNew()
    {
        const string Queue = "web-registrations";
        var store = fixture.Server.Services.GetRequiredService<IWorkQueueStore>();
        var added = await store.AddAsync(new NewWorkQueueItem(Queue, "REG-1"), CancellationToken.None);
        await store.TryTakeNextAsync(Queue, "robot-1", TimeSpan.FromMinutes(5), CancellationToken.None);
        await store.CompleteAsync(added.Item.Id, "robot-1", WorkItemOutcome.BusinessFailed, "The referral has no ward", null, CancellationToken.None);

        await using var app = await fixture.OpenSignedInAsync("queue-retrier", ["Operator"], $"/operations/queues/{Queue}");
        await app.Page.GetByLabel("Tilstand").SelectOptionAsync("BusinessFailed");
        var item = app.Page.GetByTestId("item-REG-1");
        await Assertions.Expect(item).ToContainTextAsync("The referral has no ward");
        await item.GetByRole(AriaRole.Button, new() { Name = "Prøv igen REG-1" }).ClickAsync();

        await Assertions.Expect(app.Page.GetByText("Elementet REG-1 er sat tilbage til Ny.")).ToBeVisibleAsync();
        Assert.Equal(WorkQueueItemState.New, (await store.GetAsync(added.Item.Id, CancellationToken.None))!.State);
        await app.Page.GetByLabel("Tilstand").SelectOptionAsync("New");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "REG-1" })).ToContainTextAsync("Ny");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-queue-retried");
    }
}
