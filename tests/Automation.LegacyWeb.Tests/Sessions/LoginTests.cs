using System.Net;
using Automation.LegacyWeb.Tests.Infrastructure;

namespace Automation.LegacyWeb.Tests.Sessions;

public sealed class LoginTests
{
    [Theory]
    [InlineData(LegacyVariant.A, "Henvisninger")]
    [InlineData(LegacyVariant.B, "<iframe name=\"indhold\"")]
    public async Task LogIn_RightPassword_LandsOnHomePage(LegacyVariant variant, string expected)
    {
        await using var host = await LegacyHost.StartAsync(variant);
        var client = host.NewClient();

        using var response = await host.LogInAsync(client);

        Assert.Equal(host.System.HomePath, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIn_WrongPassword_ShowsMessageAndStaysLoggedOut()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var client = host.NewClient();

        using var response = await host.LogInAsync(client, "wrong");
        var home = await client.GetAsync("henvisninger");

        Assert.Contains("Forkert brugernavn eller adgangskode.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/login", home.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("udløbet", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutLogin_RedirectsToLogin()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = host.NewClient(followRedirects: false);

        using var response = await client.GetAsync("registrering/ny");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Session_IdleLongerThanTimeout_RedirectsToLoginWithExpiredMessage()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var client = await host.LoggedInClientAsync();

        host.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        using var response = await client.GetAsync("henvisninger");

        Assert.Equal("/login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Din session er udløbet. Log venligst ind igen.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_UsedWithinTimeout_StaysAliveBeyondOneTimeout()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var client = await host.LoggedInClientAsync();

        host.Clock.Advance(TimeSpan.FromSeconds(90));
        using var first = await client.GetAsync("henvisninger");
        host.Clock.Advance(TimeSpan.FromSeconds(90));
        using var second = await client.GetAsync("henvisninger");

        Assert.Equal("/henvisninger", first.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/henvisninger", second.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task LogOut_ThenPage_RedirectsToLogin()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var client = await host.LoggedInClientAsync();

        using var logout = await client.GetAsync("logout");
        using var response = await client.GetAsync("henvisninger");

        Assert.Equal("/login", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
