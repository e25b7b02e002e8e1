using System.Net;
using System.Text.Json.Nodes;

namespace Automation.Server.Tests.Errors;

/// <summary>What every error answer must look like to a caller: the status, a ProblemDetails body with a title and a useful detail, and no internals.</summary>
internal static class Problems
{
    /// <summary>Asserts the answer is a ProblemDetails with <paramref name="status"/> whose detail contains <paramref name="detailContains"/>.</summary>
    public static async Task<JsonObject> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);

        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), $"no title: {body}");
        var detail = problem["detail"]?.GetValue<string>() ?? "";
        Assert.Contains(detailContains, detail, StringComparison.Ordinal);
        return problem;
    }
}
