using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Shell;

[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class NavigationTests(WebAppFixture fixture)
{
    [Theory]
    [InlineData("Planner", "Opgaver|Steder")]
    [InlineData("ProcessOwner", "Designer|Opgaver")]
    [InlineData("Operator", "Drift|Opgaver")]
    [InlineData("Auditor", "Opgaver|Revision")]
    [InlineData("Administrator", "Designer|Drift|Opgaver|Steder|Revision|Administration")]
    public async Task MainMenu_OneRole_ShowsOnlyTheAreasThatRoleUses(string role, string expected)
    {
        await using var app = await fixture.OpenSignedInAsync("nav-" + role.ToLowerInvariant(), [role]);

        var menu = app.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link);

        await Assertions.Expect(menu).ToHaveTextAsync(expected.Split('|'));
    }

    [Fact]
    public async Task MainMenu_PlannerAndOperator_ShowsTheAreasOfBoth()
    {
        await using var app = await fixture.OpenSignedInAsync("nav-two-roles", ["Planner", "Operator"]);

        var menu = app.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link);

        await Assertions.Expect(menu).ToHaveTextAsync(["Drift", "Opgaver", "Steder"]);
    }

    [Fact]
    public async Task AreaAddress_PlannerTypesTheDesignersAddress_SaysNoAccess()
    {
        await using var app = await fixture.OpenSignedInAsync("nav-planner-typed", ["Planner"], "/designer");

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ingen adgang");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Designer");
    }

    [Fact]
    public async Task UnknownAddress_SignedIn_ShowsNotFoundInsideTheApp()
    {
        await using var app = await fixture.OpenSignedInAsync("nav-unknown", ["Operator"], "/no/such/page");

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Siden findes ikke");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SkipLink_FirstTabThenEnter_MovesFocusToMain()
    {
        await using var app = await fixture.OpenSignedInAsync("nav-keyboard", ["Operator"], "/operations");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Drift");

        await app.Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Link, new() { Name = "Gå til indhold" })).ToBeFocusedAsync();
        await app.Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    }
}
