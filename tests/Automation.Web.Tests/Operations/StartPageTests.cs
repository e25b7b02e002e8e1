using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Operations;

/// <summary>An operator starting a published workflow from the form its declared inputs make.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class StartPageTests(WebAppFixture fixture)
{
    private const string Greeting = """
        {
          "id": "web-greeting", "name": "Greeting",
          "inputs": [
            { "name": "who", "type": "String", "required": true, "description": "Who to greet." },
            { "name": "times", "type": "Integer", "required": true },
            { "name": "loud", "type": "Boolean" },
            { "name": "tags", "type": "Array" }
          ],
          "outputs": [ { "name": "greeting", "type": "String" } ],
          "root": {
            "activities": [
              { "id": "greet", "type": "SetOutput", "inputs": { "output": "greeting", "value": { "js": "(input.loud ? 'HELLO ' : 'Hello ') + input.who + ' x' + input.times + ' tags ' + input.tags.length" } } }
            ],
            "connections": []
          }
        }
        """;

    [Fact]
    public async Task Start_FormFromTheInputs_InvalidValuesAreNamedThenTheInstanceFinishesWithItsOutput()
    {
        using (var owner = await ServerApi.SignInAsync(fixture, "start-owner", "ProcessOwner"))
        {
            await owner.PublishAsync(Greeting);
        }

        await using var app = await fixture.OpenSignedInAsync("start-operator", ["Operator"], "/operations");
        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Start et flow" }).ClickAsync();
        await app.Page.GetByLabel("Flow", new() { Exact = true }).SelectOptionAsync("web-greeting");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Name = "Greeting – Version 1" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(app.Page);

        // Act 1: wrong values are refused in the browser, each named.
        await app.Page.GetByLabel("times (påkrævet)").FillAsync("2.5");
        await app.Page.GetByLabel("tags").FillAsync("[1, 2");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        var alert = app.Page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("who skal udfyldes.");
        await Assertions.Expect(alert).ToContainTextAsync("times: skriv et helt tal");
        await Assertions.Expect(alert).ToContainTextAsync("tags: er ikke gyldig JSON");
        await Assertions.Expect(app.Page.GetByLabel("times (påkrævet)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(app.Page.GetByLabel("who (påkrævet)")).ToBeFocusedAsync();
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-start-errors");

        // Act 2: corrected values start the flow.
        await app.Page.GetByLabel("who (påkrævet)").FillAsync("Ada");
        await app.Page.GetByLabel("times (påkrævet)").FillAsync("2");
        await app.Page.GetByLabel("loud").CheckAsync();
        await app.Page.GetByLabel("tags").FillAsync("""["a", "b", "c"]""");
        await app.Page.GetByLabel("Forretningsnøgle (valgfri)").FillAsync("GREET-1");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        // Assert: the new instance's page, finished, with its output and input.
        await Assertions.Expect(app.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/operations/instances/[0-9a-f]+$"));
        await Assertions.Expect(app.Page.GetByTestId("instance-status")).ToHaveTextAsync("Færdig");
        await Assertions.Expect(app.Page.GetByTestId("instance-output")).ToContainTextAsync("\"greeting\": \"HELLO Ada x2 tags 3\"");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("GREET-1");
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("operations-instance-finished");
    }
}
