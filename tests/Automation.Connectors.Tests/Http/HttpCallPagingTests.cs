using Automation.Connectors.Http;

namespace Automation.Connectors.Tests.Http;

public sealed class HttpCallPagingTests
{
    [Theory]
    [InlineData("<https://a.example/items?page=2>; rel=\"next\"", "https://a.example/items?page=2")]
    [InlineData("<items?page=1>; rel=\"first\", <items?page=3>; rel=\"next\"", "items?page=3")]
    [InlineData("<items?p=1>; title=\"first, of all\"; rel=first, <items?p=2>; rel=\"prev next\"", "items?p=2")]
    [InlineData("<items?page=9>; REL=NEXT", "items?page=9")]
    [InlineData("<items?page=1>; rel=\"first\", <items?page=1>; rel=\"prev\"", null)]
    [InlineData("", null)]
    public void NextLink_LinkHeader_FindsTheNextTarget(string header, string? expected)
    {
        Assert.Equal(expected, HttpCallPaging.NextLink(header));
    }
}
