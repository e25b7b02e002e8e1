using System.Text.RegularExpressions;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Places;

/// <summary>The planner page in real Chromium over the demo place data: keyboard-only search, areas, meeting points, offline map.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class PlannerPageTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Search_KeyboardOnlyHolmensKanal_ShowsAddressKommuneNoAlarmAreaAndNearestHospitals()
    {
        await PlacesData.EnsureSeededAsync(fixture.Server);
        await using var app = await fixture.OpenSignedInAsync("planner-keyboard", ["Planner"], "/places");
        var page = app.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Steder");
        var search = page.GetByRole(AriaRole.Combobox, new() { Name = "Adresse" });

        await TabUntilFocusedAsync(page, search);
        await page.Keyboard.TypeAsync("Holmens Kanal 2");
        var suggestions = page.GetByRole(AriaRole.Listbox, new() { Name = "Adresseforslag" });
        await Assertions.Expect(suggestions.GetByRole(AriaRole.Option).First).ToHaveTextAsync("Holmens Kanal 2, 1060 København K");
        await Assertions.Expect(page.GetByText(new Regex(@"^\d+ forslag\."))).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(search).ToHaveAttributeAsync("aria-expanded", "false");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(search).ToHaveAttributeAsync("aria-activedescendant", new Regex(".+"));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(suggestions).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("places-address")).ToHaveTextAsync("Holmens Kanal 2, 1060 København K");
        await Assertions.Expect(page.GetByTestId("places-kommune")).ToContainTextAsync("København");
        await Assertions.Expect(page.GetByTestId("places-alarm")).ToHaveTextAsync(new Regex("^Intet alarmområde"));
        var nearest = page.GetByRole(AriaRole.List, new() { Name = "Nærmeste mødesteder" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(nearest).ToHaveCountAsync(5);
        await Assertions.Expect(nearest.First).ToContainTextAsync(new Regex(@"^(Rigshospitalet|Amager og Hvidovre Hospital – Amager|Bispebjerg og Frederiksberg Hospital)"));
        await Assertions.Expect(nearest.First).ToContainTextAsync(new Regex(@"\d,\d km væk"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Viser Holmens Kanal 2" })).ToBeVisibleAsync();

        await Axe.AssertNoViolationsAsync(page);
        await app.ScreenshotAsync("places-planner-holmens-kanal");
        AssertOnlyOurServer(app);
    }

    [Fact]
    public async Task Map_KeyboardEnterFarFromAddresses_ShowsServerDetailAndTabLeavesMap()
    {
        await PlacesData.EnsureSeededAsync(fixture.Server);
        await using var app = await fixture.OpenSignedInAsync("planner-map", ["Planner"], "/places");
        var page = app.Page;
        var map = page.GetByRole(AriaRole.Region, new() { Name = "Kort over kommuner og alarmområder" });
        await Assertions.Expect(map.Locator("path").First).ToBeAttachedAsync();

        // The map opens on all of Denmark; its centre is in the Kattegat, far from any sample address.
        await TabUntilFocusedAsync(page, map);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No address within 2000 m");

        for (var i = 0; i < 4 && await IsFocusedWithinAsync(map); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.False(await IsFocusedWithinAsync(map), "Tab leaves the map (zoom buttons, then the page) instead of trapping focus");
        AssertOnlyOurServer(app);
    }

    [Fact]
    public async Task Search_EnglishPickWithMouseThenMapClick_FormatsDistancesInEnglishAndFindsNearestAddress()
    {
        await PlacesData.EnsureSeededAsync(fixture.Server);
        await using var app = await fixture.OpenSignedInAsync("planner-english", ["Planner"], "/places");
        var page = app.Page;
        await page.GetByLabel("Sprog").SelectOptionAsync("en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Places");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Address" }).FillAsync("holmens kanal 2 1060");
        await page.GetByRole(AriaRole.Option, new() { Name = "Holmens Kanal 2, 1060 København K" }).ClickAsync();

        var nearest = page.GetByRole(AriaRole.List, new() { Name = "Nearest meeting points" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(nearest.First).ToContainTextAsync(new Regex(@"\d\.\d km away"));
        await Assertions.Expect(page.GetByTestId("places-alarm")).ToHaveTextAsync(new Regex("^No alarm area"));

        // The map is now fitted around the address and its meeting points; the address marker sits near the middle.
        var box = await page.GetByRole(AriaRole.Region, new() { Name = "Map of municipalities and alarm areas" }).BoundingBoxAsync();
        Assert.NotNull(box);
        var marker = await page.Locator(".places-map path[fill='#a4161a']").BoundingBoxAsync();
        Assert.NotNull(marker);
        await page.Mouse.ClickAsync(marker.X + (marker.Width / 2), marker.Y + (marker.Height / 2));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "from the point" })).ToContainTextAsync(new Regex(@"\d+ m from the point"));

        AssertOnlyOurServer(app);
    }

    private static async Task TabUntilFocusedAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail("Tab never reached " + target);
    }

    private static Task<bool> IsFocusedWithinAsync(ILocator target) => target.EvaluateAsync<bool>("e => e.contains(document.activeElement)");

    private void AssertOnlyOurServer(AppPage app)
    {
        var origin = fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.StartsWith("http://127.0.0.1:", origin, StringComparison.Ordinal);
        var elsewhere = app.Requests.Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "Requests beyond " + origin + ": " + string.Join(", ", elsewhere));
        Assert.Contains(app.Requests, url => url.Contains("/api/places/map/kommune", StringComparison.Ordinal));
    }
}
