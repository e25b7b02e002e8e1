using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Server.Tests.Security;

public sealed class ApiTokenTests
{
    [Fact]
    public async Task Token_WithOperatorRole_ActsWithExactlyThatRole()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();
        var token = await CreateAsync(admin, "robot-agent", "Operator");
        using var client = WithToken(factory, token);

        var instances = await client.GetAsync("/api/instances");
        var users = await client.GetAsync("/api/users");
        var me = await client.GetFromJsonAsync<JsonObject>("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, instances.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Contains("Administrator", await SignInTests.Detail(users), StringComparison.Ordinal);
        Assert.Equal("token:robot-agent", me!["userName"]!.GetValue<string>());
        Assert.Equal("token", me["kind"]!.GetValue<string>());
        Assert.Equal(["Operator"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Token_Revoked_UnauthorizedSayingItWasRevoked()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();
        var created = await (await admin.PostAsJsonAsync("/api/tokens", new { name = "old-agent", role = "Operator" })).Content.ReadFromJsonAsync<JsonObject>();
        using var client = WithToken(factory, created!["token"]!.GetValue<string>());
        var before = await client.GetAsync("/api/instances");

        var revoke = await admin.DeleteAsync($"/api/tokens/{created["id"]!.GetValue<string>()}");
        var after = await client.GetAsync("/api/instances");
        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/tokens");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("'old-agent' was revoked", await SignInTests.Detail(after), StringComparison.Ordinal);
        Assert.Equal("revoked", listed!.Single()!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_Expired_UnauthorizedSayingWhenItExpired()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        using var factory = new ServerFactory { ConfigureTestServices = s => s.AddSingleton<TimeProvider>(clock) };
        using var admin = await factory.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/tokens", new { name = "short-lived", role = "Auditor", expiresAt = clock.GetUtcNow().AddHours(1) });
        using var client = WithToken(factory, (await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
        var before = await client.GetAsync("/api/instances");

        clock.Advance(TimeSpan.FromHours(1));
        var after = await client.GetAsync("/api/instances");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("'short-lived' expired at 2026-05-01 13:00:00 UTC", await SignInTests.Detail(after), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Token_Unknown_UnauthorizedWithBearerChallenge()
    {
        using var factory = new ServerFactory();
        using var client = WithToken(factory, "atk_made-up");

        var response = await client.GetAsync("/api/instances");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid", await SignInTests.Detail(response), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Tokens_AfterCreation_ValueIsNeverListedAndOnlyItsHashIsStored()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();
        var token = await CreateAsync(admin, "integration", "ProcessOwner");

        var list = await admin.GetStringAsync("/api/tokens");
        await using var db = new FileStream(Path.Combine(factory.DataDirectory, "automation.db"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        await db.CopyToAsync(copy);
        var wal = Path.Combine(factory.DataDirectory, "automation.db-wal");
        var raw = Encoding.UTF8.GetString(copy.ToArray()) + (File.Exists(wal) ? Encoding.UTF8.GetString(await ReadSharedAsync(wal)) : "");

        Assert.Contains("integration", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token))), raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent", "Robot", "one role")]
    [InlineData("", "Operator", "name")]
    public async Task Create_BadRoleOrName_BadRequestSayingWhat(string name, string role, string expected)
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/tokens", new { name, role });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await SignInTests.Detail(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ExpiryInThePast_BadRequest()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "late", role = "Operator", expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("in the past", await SignInTests.Detail(response), StringComparison.Ordinal);
    }

    private static async Task<string> CreateAsync(HttpClient admin, string name, string role)
    {
        var response = await admin.PostAsJsonAsync("/api/tokens", new { name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static HttpClient WithToken(ServerFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
