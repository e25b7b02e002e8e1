using System.Text.Json.Nodes;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Designer;

/// <summary>A process owner edits a robot step's selector as candidate rows and picks a credential from the vault.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PropertyEditorTests(WebAppFixture fixture)
{
    private static readonly string[] ProcessOwner = ["ProcessOwner"];
    private static readonly string[] Administrator = ["Administrator"];

    [Fact]
    public async Task SelectorEditor_TwoCandidatesAddedAndReorderedByKeyboard_StoresTheArrayInThatOrder()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-selector", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", RobotFlow("selector-flow", "fill", "Robot.Fill", new Dictionary<string, object> { ["target"] = "web", ["value"] = "0101011234" }));
        await page.GotoAsync("/designer/edit/selector-flow");
        await page.Node("fill").ClickAsync();
        var selector = page.Locator(".wf-field[data-input='selector']");

        await selector.GetByRole(AriaRole.Button, new() { Name = "Tilføj kandidat" }).ClickAsync();
        await Candidate(selector, 0).GetByLabel("Slags").SelectOptionAsync("label");
        await Candidate(selector, 0).GetByLabel("Værdi").FillAsync("CPR-nummer");
        await selector.GetByRole(AriaRole.Button, new() { Name = "Tilføj kandidat" }).ClickAsync();
        await Candidate(selector, 1).GetByLabel("Slags").SelectOptionAsync("css");
        await Candidate(selector, 1).GetByLabel("Værdi").FillAsync("#cpr");

        // Keyboard only: move the CSS candidate to the top; the focus stays on the moved row.
        await selector.GetByRole(AriaRole.Button, new() { Name = "Flyt kandidat 2 op" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(selector.GetByRole(AriaRole.Button, new() { Name = "Flyt kandidat 1 ned" })).ToBeFocusedAsync();
        await Assertions.Expect(selector.Locator("[role=status]")).ToHaveTextAsync("Kandidat 2 er nu nummer 1.");

        // A desktop anchor without a role: the robots' own parser refuses it, and the row says so.
        await selector.GetByRole(AriaRole.Button, new() { Name = "Tilføj kandidat" }).ClickAsync();
        await Candidate(selector, 2).GetByLabel("Slags").SelectOptionAsync("rightOf");
        await Candidate(selector, 2).GetByLabel("Ledetekstens tekst").FillAsync("Navn");
        await Assertions.Expect(Candidate(selector, 2).Locator(".field-error")).ToContainTextAsync("has a geometry anchor but no role");
        await Assertions.Expect(Candidate(selector, 2).GetByLabel("Ledetekstens tekst")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(Candidate(selector, 0).Locator(".field-error")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-selector-editor");
        await selector.GetByRole(AriaRole.Button, new() { Name = "Fjern kandidat 3" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Gem kladde" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Gemt");
        await page.ReloadAsync();
        await page.Node("fill").ClickAsync();

        await Assertions.Expect(selector.Locator("li.wfp-candidate")).ToHaveCountAsync(2);
        await Assertions.Expect(Candidate(selector, 0).GetByLabel("Slags")).ToHaveValueAsync("css");
        await Assertions.Expect(Candidate(selector, 0).GetByLabel("Værdi")).ToHaveValueAsync("#cpr");
        await Assertions.Expect(Candidate(selector, 1).GetByLabel("Slags")).ToHaveValueAsync("label");
        await Assertions.Expect(Candidate(selector, 1).GetByLabel("Værdi")).ToHaveValueAsync("CPR-nummer");
        var draft = await app.GetJsonAsync("/api/definitions/selector-flow?version=0");
        var stored = JsonNode.Parse(draft.GetProperty("root").GetProperty("activities")[1].GetProperty("inputs").GetProperty("selector").GetRawText());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"css":"#cpr"},{"label":"CPR-nummer"}]"""), stored), $"stored selector: {stored?.ToJsonString()}");
    }

    [Fact]
    public async Task CredentialPicker_TwoCredentialsInTheVault_ListsNamesAndKindsNeverValuesAndWarnsOfAnUnknownName()
    {
        var secret = "Pw-" + Guid.NewGuid().ToString("N");
        await using (var admin = await fixture.OpenSignedInAsync("designer-vault-admin", Administrator, "/"))
        {
            await admin.SendAsync("PUT", "/api/credentials/sp-robot", new { fields = new { userName = "robot-sp-01", password = secret }, targetSystem = "Sundhedsplatformen" });
            await admin.SendAsync("PUT", "/api/credentials/fhir-key", new { fields = new { apiKey = secret + "-key" } });
        }

        await using var app = await fixture.OpenSignedInAsync("designer-credential", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", RobotFlow("credential-flow", "open", "Robot.Open", new Dictionary<string, object> { ["target"] = "sp", ["credential"] = "old-robot" }));
        await page.GotoAsync("/designer/edit/credential-flow");
        await page.Node("open").ClickAsync();
        var picker = page.Locator("#prop-credential");

        var warning = page.Locator(".wf-field[data-input='credential'] .wfp-warning");
        await Assertions.Expect(warning).ToContainTextAsync("legitimationen \"old-robot\" findes ikke i boksen");
        await Assertions.Expect(picker).ToHaveValueAsync("old-robot");
        await Assertions.Expect(picker.Locator("option[value='sp-robot']")).ToHaveTextAsync("sp-robot · Sundhedsplatformen (felter: password, userName)");
        await Assertions.Expect(picker.Locator("option[value='fhir-key']")).ToHaveTextAsync("fhir-key (felter: apiKey)");
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-credential-picker");

        await picker.SelectOptionAsync("sp-robot");

        await Assertions.Expect(warning).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem kladde" }).ClickAsync();
        await Assertions.Expect(page.Status()).ToHaveTextAsync("Gemt");
        var draft = await app.GetJsonAsync("/api/definitions/credential-flow?version=0");
        Assert.Equal("sp-robot", draft.GetProperty("root").GetProperty("activities")[1].GetProperty("inputs").GetProperty("credential").GetString());
        var shown = await page.ContentAsync();
        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("robot-sp-01", shown, StringComparison.Ordinal);
    }

    private static ILocator Candidate(ILocator selector, int index) => selector.Locator($"li[data-candidate='{index}']");

    /// <summary>Start → one robot step → End.</summary>
    private static object RobotFlow(string id, string stepId, string type, Dictionary<string, object> inputs) => new
    {
        id,
        name = id,
        root = new
        {
            activities = new object[]
            {
                new { id = "start", type = "Start", metadata = new { designer = new { x = 40, y = 60 } } },
                new { id = stepId, type, inputs, metadata = new { designer = new { x = 300, y = 60 } } },
                new { id = "end", type = "End", metadata = new { designer = new { x = 560, y = 60 } } },
            },
            connections = new object[]
            {
                new { source = new { activity = "start", port = "Done" }, target = new { activity = stepId } },
                new { source = new { activity = stepId, port = "Done" }, target = new { activity = "end" } },
            },
        },
    };
}
