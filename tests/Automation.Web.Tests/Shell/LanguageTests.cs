using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Shell;

[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class LanguageTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Language_SwitchedToEnglish_IsRememberedAfterReload()
    {
        await using var app = await fixture.OpenSignedInAsync("language-en", ["Operator"], "/operations");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Drift");

        await app.Page.GetByLabel("Sprog").SelectOptionAsync("en");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Operations");
        await app.Page.ReloadAsync();

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Operations");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Operations", "Tasks"]);
        await Assertions.Expect(app.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await app.ScreenshotAsync("operations-english");
    }

    [Fact]
    public async Task Language_NothingChosen_IsDanish()
    {
        await using var app = await fixture.OpenAsync();

        await app.Page.GotoAsync("/");

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Log ind");
        await Assertions.Expect(app.Page.Locator("html")).ToHaveAttributeAsync("lang", "da");
    }
}
