using System.Text.Json;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Designer;

/// <summary>A process owner draws, configures, validates, publishes, imports and reverts workflows in the browser.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class DesignerTests(WebAppFixture fixture)
{
    private static readonly string[] ProcessOwner = ["ProcessOwner"];
    private static readonly string[] DroppedIds = ["start1", "log1", "end1"];
    private static readonly string[] KeyboardTypes = ["Start", "Log", "End", "Delay"];

    [Fact]
    public async Task Editor_BuiltByDragAndDrop_PublishesVersion1WithActivitiesConnectionsAndPositions()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-dnd", ProcessOwner, "/designer");
        var page = app.Page;

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("dnd-flow");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Drag and drop flow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Flow: Drag and drop flow");

        await page.PaletteItem("Start").DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 60, Y = 80 } });
        await page.PaletteItem("Log").DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 320, Y = 80 } });
        await page.PaletteItem("End").DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 580, Y = 80 } });
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(3);

        await page.DragConnectAsync("start1", "Done", "log1");
        await page.DragConnectAsync("log1", "Done", "end1");
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);

        await page.Node("log1").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("Hello from the designer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem kladde" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Gemt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Udgiv" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Udgivet som version 1.");
        await app.ScreenshotAsync("designer-editor-dnd");

        var positions = new Dictionary<string, (double X, double Y)>();
        foreach (var id in DroppedIds)
        {
            positions[id] = await page.NodePositionAsync(id);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til flows" }).ClickAsync();
        var row = page.Locator("tr[data-workflow='dnd-flow']");
        await Assertions.Expect(row).ToContainTextAsync("Udgivet");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("1");

        var published = await app.GetJsonAsync("/api/definitions/dnd-flow?version=1");
        var activities = published.GetProperty("root").GetProperty("activities").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(["Start", "Log", "End"], DroppedIds.Select(id => activities[id].GetProperty("type").GetString()));
        Assert.Equal("Hello from the designer", activities["log1"].GetProperty("inputs").GetProperty("message").GetString());
        foreach (var (id, (x, y)) in positions)
        {
            var designer = activities[id].GetProperty("metadata").GetProperty("designer");
            Assert.Equal(Math.Round(x), designer.GetProperty("x").GetDouble());
            Assert.Equal(Math.Round(y), designer.GetProperty("y").GetDouble());
        }

        // Dropped at 60/320/580 × 80 on the canvas: the nodes sit exactly where they were dropped.
        Assert.Equal([(60d, 80d), (320d, 80d), (580d, 80d)], DroppedIds.Select(id => (Math.Round(positions[id].X), Math.Round(positions[id].Y))));
        Assert.Equal(["start1:Done->log1", "log1:Done->end1"], Connections(published));
    }

    [Fact]
    public async Task Editor_BuiltByKeyboardOnly_PublishesTheSameFlow()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-keys", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", new { id = "keys-flow", name = "Keyboard flow", root = new { activities = Array.Empty<object>(), connections = Array.Empty<object>() } });
        await page.GotoAsync("/designer/edit/keys-flow");
        await Assertions.Expect(page.PaletteItem("Start")).ToBeVisibleAsync();

        // Enter on a palette entry places it at a free spot and selects it.
        foreach (var type in KeyboardTypes)
        {
            await page.PaletteItem(type).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
        }

        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(4);

        // Delete removes the selected (last added) Delay.
        await page.Node("delay1").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(3);

        await SelectByKeyboardAsync(page, "log1");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("Typed, not clicked");
        await ConnectByKeyboardAsync(page, "Done", "end1");

        await SelectByKeyboardAsync(page, "start1");
        await ConnectByKeyboardAsync(page, "Done", "log1");
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Udgiv" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Udgivet som version 1.");
        await app.ScreenshotAsync("designer-editor-keyboard");

        var published = await app.GetJsonAsync("/api/definitions/keys-flow?version=1");
        var activities = published.GetProperty("root").GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(["start1", "log1", "end1"], activities.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("Typed, not clicked", activities[1].GetProperty("inputs").GetProperty("message").GetString());
        Assert.Equal(["log1:Done->end1", "start1:Done->log1"], Connections(published));
        var spots = activities.Select(a => a.GetProperty("metadata").GetProperty("designer")).Select(d => (d.GetProperty("x").GetDouble(), d.GetProperty("y").GetDouble())).ToList();
        Assert.Equal(3, spots.Distinct().Count());
    }

    [Fact]
    public async Task Validate_RequiredMessageLeftEmpty_MarksNodeAndFieldUntilFixed()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-validate", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", DesignerPage.SmallFlow("invalid-flow", null));
        await page.GotoAsync("/designer/edit/invalid-flow");
        await Assertions.Expect(page.Node("log")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Validér" }).ClickAsync();

        await Assertions.Expect(page.Node("log").Locator(".wf-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-error"));
        await Assertions.Expect(page.Node("log")).ToContainTextAsync("1 fejl");
        await Assertions.Expect(page.Node("start").Locator(".wf-node")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-error"));
        await page.Node("log").ClickAsync();
        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await Assertions.Expect(message).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#prop-message-error")).ToContainTextAsync("message");
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-editor-validation-error");

        await message.FillAsync("Now it has a message");
        await page.GetByRole(AriaRole.Button, new() { Name = "Validér" }).ClickAsync();

        await Assertions.Expect(page.Status()).ToHaveTextAsync("Flowet er gyldigt.");
        await Assertions.Expect(page.Locator(".wf-node.has-error")).ToHaveCountAsync(0);
        await Assertions.Expect(message).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Import_ElsaCorpusFile_RendersNodesAtTheStoredPositions()
    {
        var file = Path.Combine(Repository.Root, "..", "shared", "data", "elsa", "07-fork.json");
        using var elsa = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var expected = elsa.RootElement.GetProperty("root").GetProperty("activities").EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("metadata").GetProperty("designer").GetProperty("position"));
        await using var app = await fixture.OpenSignedInAsync("designer-import", ProcessOwner, "/designer");
        var page = app.Page;

        await page.GetByLabel("Importér JSON-fil").SetInputFilesAsync(file);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Flow: Fork");
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(expected.Count);
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(elsa.RootElement.GetProperty("root").GetProperty("connections").GetArrayLength());
        foreach (var (id, position) in expected)
        {
            var (x, y) = await page.NodePositionAsync(id);
            Assert.Equal(position.GetProperty("x").GetDouble(), x, 0.5);
            Assert.Equal(position.GetProperty("y").GetDouble(), y, 0.5);
        }

        await app.ScreenshotAsync("designer-editor-elsa-import");
    }

    [Fact]
    public async Task CompareAndRevert_Version1_ShowsTheChangeThenDraftGetsVersion1sContent()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-revert", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", DesignerPage.SmallFlow("revert-flow", "first"));
        await app.SendAsync("POST", "/api/definitions/revert-flow/publish");
        await app.SendAsync("PUT", "/api/definitions/revert-flow/draft", DesignerPage.SmallFlow("revert-flow", "second"));
        await app.SendAsync("POST", "/api/definitions/revert-flow/publish");
        await page.GotoAsync("/designer/edit/revert-flow");
        await Assertions.Expect(page.Locator(".wf-versions li")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sammenlign tegningen med version 1" }).ClickAsync();
        await Assertions.Expect(page.Locator(".wf-diff li")).ToHaveTextAsync(["Ændret aktivitet log (Log): message"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Gendan version 1" }).ClickAsync();

        await Assertions.Expect(page.Status()).ToHaveTextAsync("Kladden er nu en kopi af version 1.");
        await page.Node("log").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true })).ToHaveValueAsync("first");
        await Axe.AssertNoViolationsAsync(page);
        var draft = await app.GetJsonAsync("/api/definitions/revert-flow?version=0");
        Assert.Equal("first", draft.GetProperty("root").GetProperty("activities")[1].GetProperty("inputs").GetProperty("message").GetString());
        await app.ScreenshotAsync("designer-editor-versions");
    }

    [Fact]
    public async Task Settings_PersonalVariable_IsSavedAndOfferedByTheVariablePickerWithScriptChecked()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-settings", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", new { id = "settings-flow", name = "Settings flow", root = new { activities = Array.Empty<object>(), connections = Array.Empty<object>() } });
        await page.GotoAsync("/designer/edit/settings-flow");
        var variables = page.GetByRole(AriaRole.Group, new() { Name = "Variabler" });

        await variables.GetByRole(AriaRole.Button, new() { Name = "Tilføj variabel" }).ClickAsync();
        await variables.GetByLabel("Navn", new() { Exact = true }).FillAsync("caseNumber");
        await variables.GetByLabel("Persondata").CheckAsync();
        await page.PaletteItem("SetVariable").ClickAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Variable", Exact = true }).SelectOptionAsync("caseNumber");
        var value = page.GetByRole(AriaRole.Textbox, new() { Name = "Value" });
        await value.FillAsync("'A-' +");

        await Assertions.Expect(page.Locator("#prop-value-error")).ToContainTextAsync("Syntaksfejl");
        await Assertions.Expect(value).ToHaveAttributeAsync("aria-invalid", "true");

        await value.FillAsync("'A-' + 1");
        await Assertions.Expect(page.Locator("#prop-value-error")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem kladde" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Gemt");

        var draft = await app.GetJsonAsync("/api/definitions/settings-flow?version=0");
        var variable = draft.GetProperty("variables")[0];
        Assert.Equal("caseNumber", variable.GetProperty("name").GetString());
        Assert.True(variable.GetProperty("personal").GetBoolean());
        var inputs = draft.GetProperty("root").GetProperty("activities")[0].GetProperty("inputs");
        Assert.Equal("caseNumber", inputs.GetProperty("variable").GetString());
        Assert.Equal("'A-' + 1", inputs.GetProperty("value").GetProperty("js").GetString());
        await app.ScreenshotAsync("designer-editor-settings");
    }

    [Fact]
    public async Task BackToList_WithUnsavedChanges_AsksFirstAndStaysWhenDeclined()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-unsaved", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", DesignerPage.SmallFlow("unsaved-flow", "saved text"));
        await page.GotoAsync("/designer/edit/unsaved-flow");
        await page.Node("log").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("not saved yet");
        await Assertions.Expect(page.GetByTestId("wf-state")).ToHaveTextAsync("Ikke gemte ændringer");
        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til flows" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Opgaver" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Flow: unsaved-flow");
        Assert.Equal(["Du har ikke gemte ændringer. Vil du kassere dem?", "Du har ikke gemte ændringer. Vil du kassere dem?"], asked);
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true })).ToHaveValueAsync("not saved yet");
    }

    [Fact]
    public async Task Editor_CopyPasteUndoRedoAutoLayoutAndMultiSelectDelete_ChangeTheDrawingStepByStep()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-history", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", DesignerPage.SmallFlow("history-flow", "copy me"));
        await page.GotoAsync("/designer/edit/history-flow");
        var nodes = page.Locator(".react-flow__node");
        await Assertions.Expect(nodes).ToHaveCountAsync(3);

        await page.Node("log").ClickAsync();
        await page.Keyboard.PressAsync("Control+C");
        await page.Keyboard.PressAsync("Control+V");
        await Assertions.Expect(nodes).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true })).ToHaveValueAsync("copy me");
        Assert.Equal((340d, 100d), await page.NodePositionAsync("log1"));

        await page.Keyboard.PressAsync("Control+Z");
        await Assertions.Expect(nodes).ToHaveCountAsync(3);
        await page.Keyboard.PressAsync("Control+Y");
        await Assertions.Expect(nodes).ToHaveCountAsync(4);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ordn automatisk" }).ClickAsync();
        await Assertions.Expect(page.Node("log1")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex(@"translate\(40px, 180px\)"));
        Assert.Equal((560d, 40d), await page.NodePositionAsync("end"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Fortryd" }).ClickAsync();
        await Assertions.Expect(page.Node("log1")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex(@"translate\(340px, 100px\)"));
        Assert.Equal((560d, 60d), await page.NodePositionAsync("end"));

        await page.Node("start").ClickAsync();
        await page.Node("end").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(page.Locator(".wf-side")).ToContainTextAsync("2 aktiviteter valgt.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Slet valgte" }).ClickAsync();
        await Assertions.Expect(nodes).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Control+Z");
        await Assertions.Expect(nodes).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Settings_CronTrigger_PreviewsTheNextTimesAndTheServerAcceptsIt()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-cron", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", DesignerPage.SmallFlow("cron-flow", "tick"));
        await page.GotoAsync("/designer/edit/cron-flow");
        var triggers = page.GetByRole(AriaRole.Group, new() { Name = "Udløsere" });

        await triggers.GetByRole(AriaRole.Button, new() { Name = "Tilføj udløser" }).ClickAsync();
        var cron = triggers.GetByLabel("Cron-udtryk");
        await cron.FillAsync("61 * * * *");
        await Assertions.Expect(page.Locator("#wf-cron-preview")).ToContainTextAsync("minute: '61' is outside 0-59");
        await cron.FillAsync("*/15 * * * *");

        var times = page.Locator(".wf-cron-times li");
        await Assertions.Expect(times).ToHaveCountAsync(3);
        foreach (var time in await times.AllTextContentsAsync())
        {
            Assert.Matches(@":(00|15|30|45):00", time);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Validér" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Flowet er gyldigt.");
        var trigger = (await app.GetJsonAsync("/api/definitions/cron-flow?version=0")).GetProperty("triggers")[0];
        Assert.Equal("cron", trigger.GetProperty("kind").GetString());
        Assert.Equal("*/15 * * * *", trigger.GetProperty("cron").GetString());
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-editor-cron");
    }

    [Fact]
    public async Task ListAndEditor_WithAWorkflow_HaveNoAxeViolationsAndExportDownloadsIt()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-axe", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", DesignerPage.SmallFlow("axe-flow", "hello"));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("tr[data-workflow='axe-flow']")).ToContainTextAsync("Kladde");
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-list");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Eksportér axe-flow" }).ClickAsync());
        using (var exported = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())))
        {
            Assert.Equal("axe-flow", exported.RootElement.GetProperty("id").GetString());
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Åbn axe-flow" }).ClickAsync();
        await page.Node("log").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true })).ToHaveValueAsync("hello");
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-editor");
    }

    private static async Task SelectByKeyboardAsync(IPage page, string activityId)
    {
        await page.Node(activityId).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#wf-props-heading")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".wf-panel code").First).ToHaveTextAsync(activityId);
    }

    private static async Task ConnectByKeyboardAsync(IPage page, string port, string target)
    {
        var connect = page.Locator("fieldset.wf-connect");
        await connect.GetByLabel("Udgang").SelectOptionAsync(port);
        await connect.GetByLabel("Til aktivitet").SelectOptionAsync(target);
        await connect.GetByRole(AriaRole.Button, new() { Name = "Forbind" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
    }

    private static string[] Connections(JsonElement definition) =>
        definition.GetProperty("root").GetProperty("connections").EnumerateArray()
            .Select(c => $"{c.GetProperty("source").GetProperty("activity").GetString()}:{c.GetProperty("source").GetProperty("port").GetString()}->{c.GetProperty("target").GetProperty("activity").GetString()}")
            .ToArray();
}
