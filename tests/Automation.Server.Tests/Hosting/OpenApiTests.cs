using System.Net;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Hosting;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocumentAndPage_Anonymous_AreServedOfflineWithTheBearerScheme()
    {
        using var factory = new ServerFactory();
        using var client = factory.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var page = await client.GetAsync("/api-docs/index.html");

        Assert.NotNull(document["paths"]!["/api/definitions"]);
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        // Served offline: the page loads its scripts and styles from this server, not from a CDN.
        Assert.DoesNotMatch("(src|href)=\"https?://", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api-docs/swagger-ui-bundle.js")).StatusCode);
    }
}
