using System.Net;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Health;

public sealed class HealthApiTests
{
    [Fact]
    public async Task Ready_FreshServer_ReportsDatabaseInItsOwnDataFolder()
    {
        using var factory = new ServerFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("database", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "automation.db")), "the SQLite file is created in the test's data folder");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Live_Anonymous_OkWithTheHealthyReport(string method)
    {
        using var factory = new ServerFactory();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/health/live"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        if (method == "GET")
        {
            Assert.Equal("""{"status":"Healthy","checks":{}}""", await response.Content.ReadAsStringAsync());
        }
    }
}
