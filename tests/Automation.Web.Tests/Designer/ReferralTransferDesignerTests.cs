using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Designer;

/// <summary>
/// The issue's headline: a process owner builds the referral transfer (A → B) in the designer from an empty canvas,
/// configures it, fixes what the validator shows, publishes and runs it against the real legacy systems A and B.
/// </summary>
/// <remarks>
/// The flow is a reduced <c>workflows/referral-transfer.json</c>: one list page of A (3 referrals) read straight into
/// a ForEach instead of paging into a work queue; per referral it reads A's detail page, searches B by referral id and
/// registers only when B has none (so a second run writes nothing), fills the seven text fields and the department,
/// saves through B's confirm dialog and waits for the receipt. Left out: queue items and their results, re-login
/// after an expired session, retries, the Akut checkbox, and the check for B's validation errors.
/// </remarks>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class ReferralTransferDesignerTests(WebAppFixture fixture, LegacySystemsFixture legacy) : IClassFixture<LegacySystemsFixture>
{
    private static readonly string[] ProcessOwner = ["ProcessOwner"];
    private static readonly string[] Administrator = ["Administrator"];

    /// <summary>Robot runs against the legacy systems on a loaded machine: the whole run may take a while.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions RunEnds = new() { Timeout = 90_000 };

    /// <summary>
    /// Each activity (the id the designer gives it, palette type), dropped in 3 columns of 185 px and rows of 115 px,
    /// 50 px from the canvas's edges: React Flow pans the canvas while a connection is dragged near an edge.
    /// </summary>
    private static readonly (string Id, string Type)[][] Grid =
    [
        [("start1", "Start"), ("robotOpen1", "Robot.Open"), ("robotReadTable1", "Robot.ReadTable")],
        [("robotOpen2", "Robot.Open"), ("forEach1", "ForEach"), ("end1", "End")],
        [("robotNavigate1", "Robot.Navigate"), ("robotReadText1", "Robot.ReadText"), ("setVariable1", "SetVariable")],
        [("robotNavigate2", "Robot.Navigate"), ("robotReadText2", "Robot.ReadText"), ("decision1", "Decision")],
        [("robotNavigate3", "Robot.Navigate"), ("robotFill1", "Robot.Fill"), ("robotFill2", "Robot.Fill")],
        [("robotFill3", "Robot.Fill"), ("robotFill4", "Robot.Fill"), ("robotFill5", "Robot.Fill")],
        [("robotFill6", "Robot.Fill"), ("robotFill7", "Robot.Fill"), ("robotSelect1", "Robot.Select")],
        [("robotHandleDialog1", "Robot.HandleDialog"), ("robotWaitFor1", "Robot.WaitFor")],
    ];

    /// <summary>The connections, drawn by dragging from the outcome's handle to the target's input.</summary>
    private static readonly (string Source, string Port, string Target)[] Wires =
    [
        ("start1", "Done", "robotOpen1"),
        ("robotOpen1", "Done", "robotReadTable1"),
        ("robotReadTable1", "Done", "robotOpen2"),
        ("robotOpen2", "Done", "forEach1"),
        ("forEach1", "Iterate", "robotNavigate1"),
        ("forEach1", "Done", "end1"),
        ("robotNavigate1", "Done", "robotReadText1"),
        ("robotReadText1", "Done", "setVariable1"),
        ("setVariable1", "Done", "robotNavigate2"),
        ("robotNavigate2", "Done", "robotReadText2"),
        ("robotReadText2", "Done", "decision1"),
        ("decision1", "True", "robotNavigate3"),
        ("decision1", "False", "forEach1"),
        ("robotNavigate3", "Done", "robotFill1"),
        ("robotFill1", "Done", "robotFill2"),
        ("robotFill2", "Done", "robotFill3"),
        ("robotFill3", "Done", "robotFill4"),
        ("robotFill4", "Done", "robotFill5"),
        ("robotFill5", "Done", "robotFill6"),
        ("robotFill6", "Done", "robotFill7"),
        ("robotFill7", "Done", "robotSelect1"),
        ("robotSelect1", "Done", "robotHandleDialog1"),
        ("robotHandleDialog1", "Done", "robotWaitFor1"),
        ("robotWaitFor1", "Done", "forEach1"),
    ];

    /// <summary>B's registration form fields, by the input's name, and the value from A's detail page (variable f: its rows by label).</summary>
    private static readonly (string Id, string Field, string Value)[] Fills =
    [
        ("robotFill1", "cpr", "variables.f['CPR-nummer']"),
        ("robotFill2", "fornavn", "variables.f['Fornavn']"),
        ("robotFill3", "efternavn", "variables.f['Efternavn']"),
        ("robotFill4", "adresse", "variables.f['Adresse']"),
        ("robotFill5", "postnr", "variables.f['Postnr.']"),
        ("robotFill6", "by", "variables.f['By']"),
        ("robotFill7", "henvisningsdato", "variables.f['Henvisningsdato'].split('.').join('-')"),
    ];

    /// <summary>A's detail table, read as text (a row per line, label and value split by a tab), as an object keyed by label.</summary>
    private const string ParseDetail =
        "(function () { var f = {}; variables.detail.split('\\n').forEach(function (line) { var i = line.indexOf('\\t'); if (i > 0) { f[line.substring(0, i).trim()] = line.substring(i + 1).trim(); } }); return f; })()";

    [Fact]
    public async Task ReferralTransfer_BuiltByDragAndDropPublishedAndRun_RegistersEveryReferralOfAInBOnce()
    {
        // Arrange: targets systemA/systemB in the server, the robots' accounts in the vault.
        legacy.AddTargets(fixture);
        await using (var admin = await fixture.OpenSignedInAsync("transfer-vault-admin", Administrator, "/"))
        {
            await admin.SendAsync("PUT", $"/api/credentials/{LegacySystemsFixture.CredentialA}", new { fields = new { userName = LegacySystemsFixture.RobotUser, password = LegacySystemsFixture.RobotPassword }, targetSystem = "systemA" });
            await admin.SendAsync("PUT", $"/api/credentials/{LegacySystemsFixture.CredentialB}", new { fields = new { userName = LegacySystemsFixture.RobotUser, password = LegacySystemsFixture.RobotPassword }, targetSystem = "systemB" });
        }

        await using var app = await fixture.OpenSignedInAsync("transfer-designer", ProcessOwner, "/designer");
        var page = app.Page;
        await page.SetViewportSizeAsync(1280, 1600);
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("referral-transfer-ui");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Henvisninger fra A til B");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Flow: Henvisninger fra A til B");
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(0);

        // The variables the robot steps store into (the picker offers only declared ones).
        var variables = page.GetByRole(AriaRole.Group, new() { Name = "Variabler" });
        foreach (var (name, type, personal) in new[] { ("rows", "array", true), ("row", "object", true), ("detail", "string", true), ("f", "object", true), ("screen", "string", false) })
        {
            await variables.GetByRole(AriaRole.Button, new() { Name = "Tilføj variabel" }).ClickAsync();
            var row = variables.Locator(".wf-variable").Last;
            await row.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
            await row.GetByLabel("Type").SelectOptionAsync(type);
            if (personal)
            {
                await row.GetByLabel("Persondata").CheckAsync();
            }
        }

        // Drag every activity from the palette onto the canvas, then draw the connections.
        for (var r = 0; r < Grid.Length; r++)
        {
            for (var c = 0; c < Grid[r].Length; c++)
            {
                await page.PaletteItem(Grid[r][c].Type).DragToAsync(page.Canvas(), new() { TargetPosition = new() { X = 50 + (185 * c), Y = 50 + (115 * r) } });
                await Assertions.Expect(page.Node(Grid[r][c].Id)).ToBeVisibleAsync();
            }
        }

        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(Grid.Sum(r => r.Length));
        foreach (var (source, port, target) in Wires)
        {
            await page.DragConnectAsync(source, port, target);
            await Assertions.Expect(page.GetByTestId($"rf__edge-{source}:{port}->{target}")).ToHaveCountAsync(1);
        }

        // Properties: A's list into rows, each row's detail page, B's search, form and save.
        await EditAsync(page, "robotOpen1", target: "systemA");
        await Assertions.Expect(page.Locator($"#prop-credential option[value='{LegacySystemsFixture.CredentialA}']")).ToHaveTextAsync($"{LegacySystemsFixture.CredentialA} · systemA (felter: password, userName)");
        await page.Locator("#prop-credential").SelectOptionAsync(LegacySystemsFixture.CredentialA);
        await EditAsync(page, "robotReadTable1", target: "systemA", selector: "table.resultater");
        await page.Locator("#prop-variable").SelectOptionAsync("rows");
        await EditAsync(page, "robotOpen2", target: "systemB");
        await page.Locator("#prop-credential").SelectOptionAsync(LegacySystemsFixture.CredentialB);
        await EditAsync(page, "forEach1");
        await page.Locator("#prop-items").FillAsync("variables.rows");
        await page.Locator("#prop-variable").SelectOptionAsync("row");
        await EditAsync(page, "robotNavigate1", target: "systemA", expressions: new() { ["url"] = "'henvisning/' + encodeURIComponent(variables.row['Henvisnings-id'])" });
        await EditAsync(page, "robotReadText1", target: "systemA", selector: "table.detaljer");
        await page.Locator("#prop-variable").SelectOptionAsync("detail");
        await EditAsync(page, "setVariable1");
        await page.Locator("#prop-variable").SelectOptionAsync("f");
        await page.Locator("#prop-value").FillAsync(ParseDetail);
        await EditAsync(page, "robotNavigate2", target: "systemB", expressions: new() { ["url"] = "'registrering/soeg?henvisningsid=' + encodeURIComponent(variables.f['Henvisnings-id'])" });
        await EditAsync(page, "robotReadText2", target: "systemB", selector: "body");
        await page.Locator("#prop-variable").SelectOptionAsync("screen");
        await EditAsync(page, "decision1");
        await page.Locator("#prop-condition").FillAsync("variables.screen.indexOf('Ingen registreringer fundet') >= 0");
        await EditAsync(page, "robotNavigate3", target: "systemB", expressions: new() { ["url"] = "'registrering/ny?henvisningsid=' + encodeURIComponent(variables.f['Henvisnings-id'])" });
        foreach (var (id, field, value) in Fills)
        {
            await EditAsync(page, id, target: "systemB", selector: $"input[name={field}]", expressions: new() { ["value"] = value });
        }

        // The department is left without its required option for now.
        await EditAsync(page, "robotSelect1", target: "systemB", selector: "select[name=afdeling]");
        await EditAsync(page, "robotHandleDialog1", target: "systemB");
        await page.Locator("#prop-expectedText").FillAsync("Vil du gemme registreringen?");
        await AddCandidateAsync(page, "click", "input[name=gem]");
        await EditAsync(page, "robotWaitFor1", target: "systemB", selector: "p.kvittering");

        // The validator finds the empty option: the node and the field say so until it is filled in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Validér" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Flowet har 1 fejl; se de markerede aktiviteter.");
        await Assertions.Expect(page.Node("robotSelect1").Locator(".wf-node")).ToHaveClassAsync(HasErrorRegex());
        await Assertions.Expect(page.Node("robotSelect1")).ToContainTextAsync("1 fejl");
        await page.Node("robotSelect1").ClickAsync();
        await Assertions.Expect(page.Locator("#prop-option")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#prop-option-error")).ToContainTextAsync("option");
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-transfer-validation-error");
        await SetExpressionAsync(page, "option", "variables.f['Afdeling']");
        await page.GetByRole(AriaRole.Button, new() { Name = "Validér" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Flowet er gyldigt.");
        await Assertions.Expect(page.Locator(".wf-node.has-error")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Gem kladde" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Gemt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Udgiv" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Udgivet som version 1.");
        await app.ScreenshotAsync("designer-transfer-published");

        // Act: test-run it from the designer.
        await RunAsync(page);

        // Assert: finished with the path on the canvas, and B holds each of A's referrals once, with A's values.
        foreach (var id in Grid.SelectMany(r => r).Select(n => n.Id))
        {
            await Assertions.Expect(page.Node(id).Locator(".wf-node")).ToHaveAttributeAsync("data-run", "executed");
        }

        await Assertions.Expect(page.GetByTestId("rf__edge-decision1:True->robotNavigate3")).ToHaveClassAsync(TakenRegex());
        await Assertions.Expect(page.GetByTestId("rf__edge-decision1:False->forEach1")).Not.ToHaveClassAsync(TakenRegex());
        await Assertions.Expect(page.GetByTestId("rf__edge-forEach1:Done->end1")).ToHaveClassAsync(TakenRegex());
        await Axe.AssertNoViolationsAsync(page);

        // The run's long step list scrolls inside the side column: the page itself does not grow past the window.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight"), "The page is longer than the window after the run.");
        await app.ScreenshotAsync("designer-transfer-run");
        AssertBHoldsEachReferralOnce();

        // A second run finds every referral in B already and writes nothing.
        await RunAsync(page);
        await Assertions.Expect(page.GetByTestId("rf__edge-decision1:False->forEach1")).ToHaveClassAsync(TakenRegex());
        await Assertions.Expect(page.GetByTestId("rf__edge-decision1:True->robotNavigate3")).Not.ToHaveClassAsync(TakenRegex());
        await Assertions.Expect(page.Node("robotFill1").Locator(".wf-node[data-run]")).ToHaveCountAsync(0);
        await app.ScreenshotAsync("designer-transfer-rerun");
        AssertBHoldsEachReferralOnce();
    }

    [Fact]
    public async Task ReferralTransfer_FirstStepsBuiltByKeyboardOnly_SavesTheDraftWithInputsAndConnections()
    {
        await using var app = await fixture.OpenSignedInAsync("transfer-keys", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", new
        {
            id = "transfer-keys",
            name = "Transfer by keyboard",
            variables = new[] { new { name = "rows", type = "array", personal = true } },
            root = new { activities = Array.Empty<object>(), connections = Array.Empty<object>() },
        });
        await page.GotoAsync("/designer/edit/transfer-keys");
        await Assertions.Expect(page.PaletteItem("Start")).ToBeVisibleAsync();

        // Palette: Enter places each activity at a free spot and selects it.
        foreach (var type in new[] { "Start", "Robot.Open", "Robot.ReadTable" })
        {
            await page.PaletteItem(type).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
        }

        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(3);

        // Read table (selected last): target, selector candidate, variable, then connect nothing (it is the last step).
        await TypeIntoAsync(page, page.Locator("#prop-target"), "systemA");
        var selector = page.Locator(".wf-field[data-input='selector']");
        await selector.GetByRole(AriaRole.Button, new() { Name = "Tilføj kandidat" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await ChooseByKeyboardAsync(page, selector.Locator("li[data-candidate='0']").GetByLabel("Slags"), "css");
        await TypeIntoAsync(page, selector.Locator("li[data-candidate='0']").GetByLabel("Værdi"), "table.resultater");
        await ChooseByKeyboardAsync(page, page.Locator("#prop-variable"), "rows");

        // Open: target and credential, connected to Read table.
        await SelectByKeyboardAsync(page, "robotOpen1");
        await TypeIntoAsync(page, page.Locator("#prop-target"), "systemA");
        await ConnectByKeyboardAsync(page, "Done", "robotReadTable1");

        // Start, connected to Open.
        await SelectByKeyboardAsync(page, "start1");
        await ConnectByKeyboardAsync(page, "Done", "robotOpen1");
        await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Gem kladde" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Gemt");
        await app.ScreenshotAsync("designer-transfer-keyboard");

        var draft = await app.GetJsonAsync("/api/definitions/transfer-keys?version=0");
        var activities = draft.GetProperty("root").GetProperty("activities").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(["start1", "robotOpen1", "robotReadTable1"], activities.Keys);
        Assert.Equal("Robot.Open", activities["robotOpen1"].GetProperty("type").GetString());
        Assert.Equal("systemA", activities["robotOpen1"].GetProperty("inputs").GetProperty("target").GetString());
        var read = activities["robotReadTable1"].GetProperty("inputs");
        Assert.Equal("systemA", read.GetProperty("target").GetString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"css":"table.resultater"}]"""), JsonNode.Parse(read.GetProperty("selector").GetRawText())), read.GetProperty("selector").GetRawText());
        Assert.Equal("rows", read.GetProperty("variable").GetString());
        var connections = draft.GetProperty("root").GetProperty("connections").EnumerateArray()
            .Select(c => $"{c.GetProperty("source").GetProperty("activity").GetString()}:{c.GetProperty("source").GetProperty("port").GetString()}->{c.GetProperty("target").GetProperty("activity").GetString()}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["robotOpen1:Done->robotReadTable1", "start1:Done->robotOpen1"], connections);
    }

    /// <summary>Selects the node by clicking it and sets the inputs every robot step shares.</summary>
    private static async Task EditAsync(IPage page, string id, string? target = null, string? selector = null, Dictionary<string, string>? expressions = null)
    {
        await page.Node(id).ClickAsync();
        await Assertions.Expect(page.Locator(".wf-panel code").First).ToHaveTextAsync(id);
        if (target is not null)
        {
            await page.Locator("#prop-target").FillAsync(target);
        }

        if (selector is not null)
        {
            await AddCandidateAsync(page, "selector", selector);
        }

        foreach (var (input, code) in expressions ?? [])
        {
            await SetExpressionAsync(page, input, code);
        }
    }

    /// <summary>The selector editor: one CSS candidate.</summary>
    private static async Task AddCandidateAsync(IPage page, string input, string css)
    {
        var field = page.Locator($".wf-field[data-input='{input}']");
        await field.GetByRole(AriaRole.Button, new() { Name = "Tilføj kandidat" }).ClickAsync();
        var candidate = field.Locator("li[data-candidate='0']");
        await candidate.GetByLabel("Slags").SelectOptionAsync("css");
        await candidate.GetByLabel("Værdi").FillAsync(css);
    }

    /// <summary>Ticks "JavaScript-udtryk" on the input and writes the expression.</summary>
    private static async Task SetExpressionAsync(IPage page, string input, string code)
    {
        await page.Locator($".wf-field[data-input='{input}'] input[type=checkbox]").CheckAsync();
        await page.Locator($"#prop-{input}").FillAsync(code);
    }

    /// <summary>Starts a test run from the toolbar and waits until the panel shows this run (not the one before) finished.</summary>
    private static async Task RunAsync(IPage page)
    {
        var instance = page.Locator(".wf-testrun .hint code");
        var before = await instance.CountAsync() > 0 ? await instance.TextContentAsync() : null;
        await page.GetByRole(AriaRole.Button, new() { Name = "Testkørsel", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Testkør Henvisninger fra A til B" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start testkørsel" }).ClickAsync();
        if (before is not null)
        {
            await Assertions.Expect(instance).Not.ToHaveTextAsync(before);
        }

        await Assertions.Expect(page.GetByTestId("testrun-status")).ToHaveTextAsync("Færdig", RunEnds);
    }

    private void AssertBHoldsEachReferralOnce()
    {
        var referrals = legacy.SystemA.Control.Referrals();
        var registrations = legacy.SystemB.Control.Registrations();
        Assert.Equal(LegacySystemsFixture.ReferralCount, referrals.Count);
        Assert.Equal(referrals.Select(r => r.Id).Order(StringComparer.Ordinal), registrations.Select(r => r.ReferralId).Order(StringComparer.Ordinal));
        foreach (var referral in referrals)
        {
            var registration = Assert.Single(registrations, r => r.ReferralId == referral.Id);
            Assert.Equal(
                (referral.Cpr, referral.FirstName, referral.LastName, referral.Address, referral.PostalCode, referral.City, referral.Department, referral.ReferralDate.ToString("O", CultureInfo.InvariantCulture)),
                (registration.Cpr, registration.FirstName, registration.LastName, registration.Address, registration.PostalCode, registration.City, registration.Department, registration.ReferralDate.ToString("O", CultureInfo.InvariantCulture)));
        }
    }

    private static async Task TypeIntoAsync(IPage page, ILocator field, string text)
    {
        await field.FocusAsync();
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Arrow keys on a focused drop-down until it shows <paramref name="value"/>.</summary>
    private static async Task ChooseByKeyboardAsync(IPage page, ILocator select, string value)
    {
        await select.FocusAsync();
        var options = await select.Locator("option").CountAsync();
        for (var i = 0; i <= options && await select.InputValueAsync() != value; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(select).ToHaveValueAsync(value);
    }

    private static async Task SelectByKeyboardAsync(IPage page, string activityId)
    {
        await page.Node(activityId).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".wf-panel code").First).ToHaveTextAsync(activityId);
    }

    private static async Task ConnectByKeyboardAsync(IPage page, string port, string target)
    {
        var connect = page.Locator("fieldset.wf-connect");
        await ChooseByKeyboardAsync(page, connect.GetByLabel("Udgang"), port);
        await ChooseByKeyboardAsync(page, connect.GetByLabel("Til aktivitet"), target);
        await connect.GetByRole(AriaRole.Button, new() { Name = "Forbind" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
    }

    [GeneratedRegex("wf-edge-taken")]
    private static partial Regex TakenRegex();

    [GeneratedRegex("has-error")]
    private static partial Regex HasErrorRegex();
}
