using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Shell;

[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class OfflineTests(WebAppFixture fixture)
{
    [Fact]
    public async Task App_SignInAndEveryArea_RequestsNothingBeyondOurServer()
    {
        await fixture.Server.CreateUserAsync("offline-admin", mustChangePassword: false, "Administrator");
        await using var app = await fixture.OpenAsync();
        await app.Page.GotoAsync("/");
        await app.Page.GetByLabel("Brugernavn").FillAsync("offline-admin");
        await app.Page.GetByLabel("Adgangskode").FillAsync(WebAppServer.UserPassword);
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        var menu = app.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" });
        foreach (var area in new[] { "Designer", "Drift", "Opgaver", "Steder", "Revision", "Administration" })
        {
            await menu.GetByRole(AriaRole.Link, new() { Name = area, Exact = true }).ClickAsync();
            await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(area);
        }

        var origin = fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.True(app.Requests.Count > 5, "the page's requests were recorded");
        var elsewhere = app.Requests.Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "Requests beyond " + origin + ": " + string.Join(", ", elsewhere));
        Assert.StartsWith("http://127.0.0.1:", origin, StringComparison.Ordinal);
    }
}
