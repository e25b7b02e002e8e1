using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Automation.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Server.Tests.Security;

public sealed class SignInTests
{
    private static readonly string[] OperatorRole = ["Operator"];

    [Fact]
    public async Task Login_FirstAdministrator_MustChangePasswordBeforeAnythingElse()
    {
        using var factory = new ServerFactory();
        using var client = NewClient(factory);

        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = ServerFactory.AdminPassword });
        var session = await login.Content.ReadFromJsonAsync<JsonObject>();
        var blocked = await client.GetAsync("/api/users");
        var me = await client.GetAsync("/api/auth/me");
        var change = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = ServerFactory.AdminPassword, newPassword = "A-much-better-pass-2" });
        var allowed = await client.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(session!["mustChangePassword"]!.GetValue<bool>());
        Assert.Equal("Administrator", session["roles"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("change-password", await Detail(blocked), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownUser_SameUnauthorizedAnswer()
    {
        using var factory = new ServerFactory();
        using var client = NewClient(factory);

        var wrongPassword = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "not-the-password" });
        var unknownUser = await client.PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal("application/problem+json", wrongPassword.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await Detail(wrongPassword), await Detail(unknownUser));
    }

    [Fact]
    public async Task Login_FiveFailuresInARow_LocksEvenTheRightPasswordUntilTheLockRunsOut()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        using var factory = new ServerFactory { ConfigureTestServices = s => s.AddSingleton<TimeProvider>(clock) };
        await (await factory.SignedInAsAsync("planner1", "Planner")).GetAsync("/api/auth/me");
        using var client = NewClient(factory);

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add((await client.PostAsJsonAsync("/api/auth/login", new { userName = "planner1", password = "wrong-password-" + i })).StatusCode);
        }

        var rightButLocked = await client.PostAsJsonAsync("/api/auth/login", new { userName = "planner1", password = ServerFactory.UserPassword });
        clock.Advance(TimeSpan.FromMinutes(15));
        var afterLock = await client.PostAsJsonAsync("/api/auth/login", new { userName = "planner1", password = ServerFactory.UserPassword });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), (HttpStatusCode)423], failures);
        Assert.Equal((HttpStatusCode)423, rightButLocked.StatusCode);
        var detail = await Detail(rightButLocked);
        Assert.Contains("2026-03-02 08:15:00 UTC", detail, StringComparison.Ordinal);
        Assert.Contains("unlock", detail, StringComparison.Ordinal);
        Assert.NotNull(rightButLocked.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, afterLock.StatusCode);
    }

    [Fact]
    public async Task Unlock_LockedUser_CanSignInAtOnce()
    {
        using var factory = new ServerFactory().With("Automation:SignInAttemptsBeforeLockout", "2");
        using var admin = await factory.AdminAsync();
        await admin.PostAsJsonAsync("/api/users", new { userName = "op1", password = ServerFactory.UserPassword, roles = OperatorRole, mustChangePassword = false });
        using var client = NewClient(factory);
        await client.PostAsJsonAsync("/api/auth/login", new { userName = "op1", password = "wrong-password-1" });
        await client.PostAsJsonAsync("/api/auth/login", new { userName = "op1", password = "wrong-password-2" });
        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/users");

        var unlock = await admin.PostAsync("/api/users/op1/unlock", null);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "op1", password = ServerFactory.UserPassword });

        Assert.True(listed!.Single(u => u!["userName"]!.GetValue<string>() == "op1")!["locked"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [InlineData("short-pass", "at least 12 characters")]
    [InlineData("PLANNER2-LONG-NAME", "must not be the user name")]
    public async Task ChangePassword_AgainstTheRules_SaysWhichRule(string newPassword, string expected)
    {
        using var factory = new ServerFactory();
        using var client = await factory.SignedInAsAsync("planner2-long-name", "Planner");

        var response = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = ServerFactory.UserPassword, newPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await Detail(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_BadRequestAndNothingChanged()
    {
        using var factory = new ServerFactory();
        using var client = await factory.SignedInAsAsync("auditor1", "Auditor");

        var response = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "not-my-password", newPassword = "Another-good-pass-3" });
        using var again = NewClient(factory);
        var login = await again.PostAsJsonAsync("/api/auth/login", new { userName = "auditor1", password = ServerFactory.UserPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("current password is not correct", await Detail(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Logout_ThenMe_Unauthorized()
    {
        using var factory = new ServerFactory();
        using var client = await factory.SignedInAsAsync("op2", "Operator");

        var logout = await client.PostAsync("/api/auth/logout", null);
        var me = await client.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Contains("/api/auth/login", await Detail(me), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_ByAdministrator_EndsTheUsersSessionAndDemandsAChange()
    {
        using var factory = new ServerFactory();
        using var user = await factory.SignedInAsAsync("owner1", "ProcessOwner");
        using var admin = await factory.AdminAsync();

        var reset = await admin.PostAsJsonAsync("/api/users/owner1/reset-password", new { password = "Temporary-pass-44" });
        var oldSession = await user.GetAsync("/api/auth/me");
        using var fresh = NewClient(factory);
        var login = await fresh.PostAsJsonAsync("/api/auth/login", new { userName = "owner1", password = "Temporary-pass-44" });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        Assert.Contains("sign in again", await Detail(oldSession), StringComparison.Ordinal);
        Assert.True((await login.Content.ReadFromJsonAsync<JsonObject>())!["mustChangePassword"]!.GetValue<bool>());
    }

    [Fact]
    public async Task FirstStart_NoPasswordConfigured_PrintsOneLineWhosePasswordSignsIn()
    {
        using var console = new StringWriter();
        using var factory = new ServerFactory().With("Automation:InitialAdminPassword", "");
        factory.ConfigureTestServices = s => s.AddSingleton(sp => ActivatorUtilitiesFirstAdministrator(sp, console));
        using var client = NewClient(factory);

        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var password = lines.Single().Split("one-time password ")[1].Split(' ')[0];
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(password.Length >= 12);
        Assert.DoesNotContain(password, await AllLogText(factory), StringComparison.Ordinal);
    }

    internal static HttpClient NewClient(ServerFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    internal static async Task<string> Detail(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["detail"]?.GetValue<string>() ?? "";

    internal static async Task<string> AllLogText(ServerFactory factory)
    {
        var folder = Path.Combine(factory.DataDirectory, "logs");
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    private static Automation.Server.Security.FirstAdministrator ActivatorUtilitiesFirstAdministrator(IServiceProvider services, TextWriter console) =>
        ActivatorUtilities.CreateInstance<Automation.Server.Security.FirstAdministrator>(services, console);
}
