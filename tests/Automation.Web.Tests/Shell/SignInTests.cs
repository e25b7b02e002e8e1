using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Shell;

[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SignInTests(WebAppFixture fixture)
{
    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheServersErrorAndStaysOnSignIn()
    {
        await fixture.Server.CreateUserAsync("wrong-pw", mustChangePassword: false, "Operator");
        await using var app = await fixture.OpenAsync();
        await app.Page.GotoAsync("/");

        await app.Page.GetByLabel("Brugernavn").FillAsync("wrong-pw");
        await app.Page.GetByLabel("Adgangskode").FillAsync("not-the-password");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The user name or password is not correct.");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Log ind");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("sign-in-error");
    }

    [Fact]
    public async Task SignIn_RightPassword_LandsOnTheHomePage()
    {
        await fixture.Server.CreateUserAsync("right-pw", mustChangePassword: false, "Operator");
        await using var app = await fixture.OpenAsync();
        await app.Page.GotoAsync("/operations");

        await app.Page.GetByLabel("Brugernavn").FillAsync("right-pw");
        await app.Page.GetByLabel("Adgangskode").FillAsync(WebAppServer.UserPassword);
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        // Signing in keeps the address the user asked for; the home page is at /.
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Drift");
        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Automation" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Velkommen, right-pw");
        await Assertions.Expect(app.Page.GetByText("Logget ind som right-pw")).ToBeVisibleAsync();
        await app.ScreenshotAsync("home");
    }

    [Fact]
    public async Task SignIn_OneTimePassword_AsksForANewOneBeforeTheApp()
    {
        await fixture.Server.CreateUserAsync("one-time", mustChangePassword: true, "Planner");
        await using var app = await fixture.OpenAsync();
        await app.Page.GotoAsync("/");
        await app.Page.GetByLabel("Brugernavn").FillAsync("one-time");
        await app.Page.GetByLabel("Adgangskode").FillAsync(WebAppServer.UserPassword);
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vælg en ny adgangskode");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("must-change-password");

        // Too short: the server's rule comes back as the page's error.
        await app.Page.GetByLabel("Nuværende adgangskode").FillAsync(WebAppServer.UserPassword);
        await app.Page.GetByLabel("Ny adgangskode", new() { Exact = true }).FillAsync("short");
        await app.Page.GetByLabel("Gentag ny adgangskode").FillAsync("short");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("at least 12 characters");

        await app.Page.GetByLabel("Ny adgangskode", new() { Exact = true }).FillAsync("a brand new pass phrase");
        await app.Page.GetByLabel("Gentag ny adgangskode").FillAsync("a brand new pass phrase");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Velkommen, one-time");
    }

    [Fact]
    public async Task SignOut_FromTheHeader_ReturnsToSignIn()
    {
        await using var app = await fixture.OpenSignedInAsync("signs-out", ["Auditor"]);

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Log ind");
        await app.Page.ReloadAsync();
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Log ind");
    }
}
