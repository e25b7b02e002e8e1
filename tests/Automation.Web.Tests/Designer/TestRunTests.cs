using System.Text.RegularExpressions;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Designer;

/// <summary>A process owner test-runs the draft from the designer and watches the path it takes on the canvas.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class TestRunTests(WebAppFixture fixture)
{
    private static readonly string[] ProcessOwner = ["ProcessOwner"];
    private static readonly string[] PathTaken = ["start1", "setOutput1", "decision1", "log1"];

    /// <summary>How long a test run may take to get there: the server runs it in the background, on a machine the other tests load too.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions RunEnds = new() { Timeout = 20_000 };

    /// <summary>A hash in the evidence form the robots write to the log (the image itself is not stored here).</summary>
    private const string EvidenceHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task TestRun_FlowBuiltFromEmptyCanvas_HighlightsThePathTakenAndShowsAnActivitysOutput()
    {
        await using var app = await fixture.OpenSignedInAsync("testrun-build", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", new { id = "tr-branch", name = "Branch flow", root = new { activities = Array.Empty<object>(), connections = Array.Empty<object>() } });
        await page.GotoAsync("/designer/edit/tr-branch");
        await Assertions.Expect(page.PaletteItem("Start")).ToBeVisibleAsync();

        // The workflow's input (a number) and output.
        var inputs = page.GetByRole(AriaRole.Group, new() { Name = "Inddata" });
        await inputs.GetByRole(AriaRole.Button, new() { Name = "Tilføj inddata" }).ClickAsync();
        await inputs.GetByLabel("Navn", new() { Exact = true }).FillAsync("amount");
        await inputs.GetByLabel("Type").SelectOptionAsync("number");
        var outputs = page.GetByRole(AriaRole.Group, new() { Name = "Uddata" });
        await outputs.GetByRole(AriaRole.Button, new() { Name = "Tilføj uddata" }).ClickAsync();
        await outputs.GetByLabel("Navn", new() { Exact = true }).FillAsync("verdict");

        // Start → Set output (expression) → Decision: True → log1 "big", False → log2 "small".
        await page.PaletteItem("Start").DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 20, Y = 30 } });
        await page.PaletteItem("SetOutput").DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 260, Y = 30 } });
        await page.PaletteItem("Decision").DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 20, Y = 230 } });
        await page.PaletteItem("Log").DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 300, Y = 200 } });
        await page.PaletteItem("Log").DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 300, Y = 380 } });
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(5);

        await page.DragConnectAsync("start1", "Done", "setOutput1");
        await page.DragConnectAsync("setOutput1", "Done", "decision1");
        await page.DragConnectAsync("decision1", "True", "log1");
        await page.DragConnectAsync("decision1", "False", "log2");
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(4);

        await page.Node("setOutput1").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Output", Exact = true }).FillAsync("verdict");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Value" }).FillAsync("'amount is ' + input.amount");
        await page.Node("decision1").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Condition" }).FillAsync("input.amount > 100");
        await page.Node("log1").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("big");
        await page.Node("log2").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("small");

        // Act: test-run it with amount 250.
        await page.GetByRole(AriaRole.Button, new() { Name = "Testkørsel", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Testkør Branch flow" });
        await dialog.GetByLabel("amount").FillAsync("250");
        await Axe.AssertNoViolationsAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start testkørsel" }).ClickAsync();

        // Assert: finished; the True branch is highlighted, the False branch is not.
        await Assertions.Expect(page.GetByTestId("testrun-status")).ToHaveTextAsync("Færdig", RunEnds);
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        foreach (var id in PathTaken)
        {
            await Assertions.Expect(page.Node(id).Locator(".wf-node")).ToHaveAttributeAsync("data-run", "executed");
        }

        await Assertions.Expect(page.Node("log2").Locator(".wf-node[data-run]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Node("log1")).ToContainTextAsync("Kørt");
        await Assertions.Expect(page.GetByTestId("rf__edge-decision1:True->log1")).ToHaveClassAsync(TakenRegex());
        await Assertions.Expect(page.GetByTestId("rf__edge-decision1:False->log2")).Not.ToHaveClassAsync(TakenRegex());
        await Assertions.Expect(page.GetByTestId("testrun-output")).ToContainTextAsync("amount is 250");

        var run = page.GetByRole(AriaRole.Region, new() { Name = "Testkørsel" });
        await run.GetByRole(AriaRole.Button, new() { Name = "setOutput1 (SetOutput)" }).ClickAsync();
        await Assertions.Expect(run.GetByTestId("testrun-step-outputs")).ToContainTextAsync("\"output.verdict\": \"amount is 250\"");
        await run.GetByRole(AriaRole.Button, new() { Name = "log1 (Log)" }).ClickAsync();
        await Assertions.Expect(run.GetByTestId("testrun-step-log")).ToHaveTextAsync("big");
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-testrun-path");

        var listed = await app.GetJsonAsync("/api/instances?definitionId=tr-branch&correlationId=test-run");
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TestRun_ActivityFaults_ShowsTheIncidentOnThatNodeAndTheScreenshotOfTheStepBefore()
    {
        await using var app = await fixture.OpenSignedInAsync("testrun-fault", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", new
        {
            id = "tr-fault",
            name = "Faulting flow",
            root = new
            {
                activities = new object[]
                {
                    new { id = "start", type = "Start", metadata = new { designer = new { x = 40, y = 60 } } },
                    new { id = "look", type = "Log", inputs = new { message = $"screenshot evidence:sha256:{EvidenceHash}" }, metadata = new { designer = new { x = 280, y = 60 } } },
                    new { id = "refuse", type = "Fault", inputs = new { message = "The referral names no hospital" }, metadata = new { designer = new { x = 520, y = 60 } } },
                },
                connections = new object[]
                {
                    new { source = new { activity = "start", port = "Done" }, target = new { activity = "look" } },
                    new { source = new { activity = "look", port = "Done" }, target = new { activity = "refuse" } },
                },
            },
        });
        await page.GotoAsync("/designer/edit/tr-fault");
        await Assertions.Expect(page.Node("refuse")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Testkørsel", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Testkør Faulting flow" });
        await Assertions.Expect(dialog).ToContainTextAsync("Flowet har ingen inddata.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start testkørsel" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("testrun-status")).ToHaveTextAsync("Fejlet", RunEnds);
        var refuse = page.Node("refuse").Locator(".wf-node");
        await Assertions.Expect(refuse).ToHaveAttributeAsync("data-run", "faulted");
        await Assertions.Expect(refuse.GetByTestId("run-incident")).ToContainTextAsync("The referral names no hospital");
        await Assertions.Expect(page.Node("look").Locator(".wf-node")).ToHaveAttributeAsync("data-run", "executed");
        await Assertions.Expect(page.GetByTestId("testrun-incident")).ToContainTextAsync("refuse: The referral names no hospital");

        var run = page.GetByRole(AriaRole.Region, new() { Name = "Testkørsel" });
        await run.GetByRole(AriaRole.Button, new() { Name = "look (Log)" }).ClickAsync();
        await Assertions.Expect(run.GetByRole(AriaRole.Img, new() { Name = "Skærmbillede fra look" })).ToHaveAttributeAsync("src", $"/api/evidence/{EvidenceHash}");

        // Selecting the faulted node on the canvas shows its step, with the error.
        await page.Node("refuse").ClickAsync();
        await Assertions.Expect(run.GetByTestId("testrun-step")).ToContainTextAsync("Trin 3: refuse");
        await Assertions.Expect(run.GetByTestId("testrun-step")).ToContainTextAsync("The referral names no hospital");

        // A process owner may read evidence: the server answers "not stored" (404) for this made-up hash, not "not allowed".
        var evidence = await app.Context.APIRequest.GetAsync($"/api/evidence/{EvidenceHash}");
        Assert.Equal(404, evidence.Status);
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-testrun-incident");
    }

    [Fact]
    public async Task TestRun_ValidationError_IsMarkedOnTheCanvasAndRunsOnceFixed()
    {
        await using var app = await fixture.OpenSignedInAsync("testrun-fix", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", DesignerPage.SmallFlow("tr-fix", null));
        await page.GotoAsync("/designer/edit/tr-fix");
        await Assertions.Expect(page.Node("log")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Testkørsel", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start testkørsel" }).ClickAsync();

        await Assertions.Expect(page.Node("log").Locator(".wf-node")).ToHaveClassAsync(HasErrorRegex());
        await Assertions.Expect(page.Node("log")).ToContainTextAsync("1 fejl");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The draft of 'tr-fix' has 1 error(s)");
        await Assertions.Expect(page.GetByTestId("testrun-status")).ToHaveCountAsync(0);
        await app.ScreenshotAsync("designer-testrun-invalid");

        await page.Node("log").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("fixed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Testkørsel", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start testkørsel" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("testrun-status")).ToHaveTextAsync("Færdig", RunEnds);
        await Assertions.Expect(page.Locator(".wf-node.has-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Node("end").Locator(".wf-node")).ToHaveAttributeAsync("data-run", "executed");
        await Assertions.Expect(page.GetByTestId("rf__edge-log:Done->end")).ToHaveClassAsync(TakenRegex());
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-testrun-fixed");
    }

    [Fact]
    public async Task TestRun_FlowWaitsOnADelay_IsFollowedLiveUntilItFinishes()
    {
        await using var app = await fixture.OpenSignedInAsync("testrun-live", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", new
        {
            id = "tr-live",
            name = "Waiting flow",
            root = new
            {
                activities = new object[]
                {
                    new { id = "start", type = "Start", metadata = new { designer = new { x = 40, y = 60 } } },
                    new { id = "pause", type = "Delay", inputs = new { duration = "00:00:01" }, metadata = new { designer = new { x = 280, y = 60 } } },
                    new { id = "after", type = "Log", inputs = new { message = "after the pause" }, metadata = new { designer = new { x = 520, y = 60 } } },
                },
                connections = new object[]
                {
                    new { source = new { activity = "start", port = "Done" }, target = new { activity = "pause" } },
                    new { source = new { activity = "pause", port = "Done" }, target = new { activity = "after" } },
                },
            },
        });
        await page.GotoAsync("/designer/edit/tr-live");
        await Assertions.Expect(page.Node("pause")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Testkørsel", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start testkørsel" }).ClickAsync();

        // While the delay runs, the page shows the run waiting at it; then, without any action, finished past it.
        await Assertions.Expect(page.GetByTestId("testrun-status")).ToHaveTextAsync("Venter", RunEnds);
        await Assertions.Expect(page.Node("pause").Locator(".wf-node")).ToHaveAttributeAsync("data-run", "waiting");
        await Assertions.Expect(page.Node("after").Locator(".wf-node[data-run]")).ToHaveCountAsync(0);
        await app.ScreenshotAsync("designer-testrun-waiting");
        await Assertions.Expect(page.GetByTestId("testrun-status")).ToHaveTextAsync("Færdig", RunEnds);
        await Assertions.Expect(page.Node("after").Locator(".wf-node")).ToHaveAttributeAsync("data-run", "executed");
        await Assertions.Expect(page.Node("pause").Locator(".wf-node")).ToHaveAttributeAsync("data-run", "executed");
    }

    [GeneratedRegex("wf-edge-taken")]
    private static partial Regex TakenRegex();

    [GeneratedRegex("has-error")]
    private static partial Regex HasErrorRegex();
}
