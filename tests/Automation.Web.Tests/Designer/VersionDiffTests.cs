using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Designer;

/// <summary>A process owner compares two published versions' JSON side by side, then reverts.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class VersionDiffTests(WebAppFixture fixture)
{
    private static readonly string[] ProcessOwner = ["ProcessOwner"];

    [Fact]
    public async Task SideBySide_Version1And2_MarksTheChangedLineOnBothSidesInWordsThenRevertStillWorks()
    {
        await using var app = await fixture.OpenSignedInAsync("designer-sbs", ProcessOwner, "/designer");
        var page = app.Page;
        await app.SendAsync("POST", "/api/definitions", DesignerPage.SmallFlow("sbs-flow", "first"));
        await app.SendAsync("POST", "/api/definitions/sbs-flow/publish");
        await app.SendAsync("PUT", "/api/definitions/sbs-flow/draft", DesignerPage.SmallFlow("sbs-flow", "second"));
        await app.SendAsync("POST", "/api/definitions/sbs-flow/publish");
        await page.GotoAsync("/designer/edit/sbs-flow");
        var pick = page.GetByRole(AriaRole.Group, new() { Name = "Sammenlign to versioner side om side" });

        await pick.GetByLabel("Venstre version").SelectOptionAsync("1");
        await pick.GetByLabel("Højre version").SelectOptionAsync("2");
        await pick.GetByRole(AriaRole.Button, new() { Name = "Vis forskelle" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Version 1 og Version 2 side om side" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var changed = dialog.Locator("tr.diff-changed");
        await Assertions.Expect(changed).ToHaveCountAsync(1);
        await Assertions.Expect(changed.Locator("td.changed[data-side='left']:not(.mark)")).ToHaveTextAsync("\"message\": \"first\"", new() { UseInnerText = false });
        await Assertions.Expect(changed.Locator("td.changed[data-side='right']:not(.mark)")).ToContainTextAsync("\"message\": \"second\"");
        await Assertions.Expect(changed.Locator("td.mark[data-side='left']")).ToHaveTextAsync("~ændret");
        await Assertions.Expect(changed.Locator("td.mark[data-side='right']")).ToHaveTextAsync("~ændret");
        await Assertions.Expect(dialog.Locator("tr.diff-added, tr.diff-removed")).ToHaveCountAsync(0);
        await Assertions.Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 ændrede, 0 tilføjede og 0 fjernede linjer.");
        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("designer-versions-side-by-side");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Luk" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gendan version 1" }).ClickAsync();

        await Assertions.Expect(page.Status()).ToHaveTextAsync("Kladden er nu en kopi af version 1.");
        var draft = await app.GetJsonAsync("/api/definitions/sbs-flow?version=0");
        Assert.Equal("first", draft.GetProperty("root").GetProperty("activities")[1].GetProperty("inputs").GetProperty("message").GetString());
    }
}
