using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Shell;

/// <summary>Every page of every area, in both languages' default (Danish), has no WCAG 2.1 A/AA violation axe-core can find.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(WebAppFixture fixture)
{
    [Theory]
    [InlineData("/", "Velkommen, axe-admin")]
    [InlineData("/designer", "Designer")]
    [InlineData("/operations", "Drift")]
    [InlineData("/tasks", "Opgaver")]
    [InlineData("/places", "Steder")]
    [InlineData("/audit", "Revision")]
    [InlineData("/admin", "Administration")]
    [InlineData("/account/password", "Skift adgangskode")]
    public async Task Page_SignedInAsAdministrator_HasNoAxeViolations(string path, string heading)
    {
        await using var app = await fixture.OpenSignedInAsync("axe-admin", ["Administrator"], path);
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);

        await Axe.AssertNoViolationsAsync(app.Page);

        await app.ScreenshotAsync("area" + (path == "/" ? "-home" : path.Replace('/', '-')));
    }
}
