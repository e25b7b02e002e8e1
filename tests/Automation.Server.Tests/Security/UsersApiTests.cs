using System.Net;
using System.Net.Http.Json;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Security;

public sealed class UsersApiTests
{
    private static readonly string[] Planner = ["Planner"];
    private static readonly string[] Operator = ["Operator"];
    private static readonly string[] Superuser = ["Superuser"];
    private static readonly string[] PlannerAndOperatorInLowerCase = ["planner", "operator"];

    [Fact]
    public async Task Create_NameTakenIgnoringCase_Conflict()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();
        var first = await admin.PostAsJsonAsync("/api/users", new { userName = "Mette", password = ServerFactory.UserPassword, roles = Planner });

        var second = await admin.PostAsJsonAsync("/api/users", new { userName = "mette", password = ServerFactory.UserPassword, roles = Planner });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/api/users/Mette", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("'mette' is taken", await SignInTests.Detail(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownRole_BadRequestListingTheRoles()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new { userName = "lars", password = ServerFactory.UserPassword, roles = Superuser });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown role 'Superuser'; use one of Administrator, ProcessOwner, Operator, Planner, Auditor", await SignInTests.Detail(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutMustChangePassword_DefaultsToAOneTimePassword()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/users", new { userName = "karen", password = ServerFactory.UserPassword, roles = Operator });
        using var client = SignInTests.NewClient(factory);
        await client.PostAsJsonAsync("/api/auth/login", new { userName = "karen", password = ServerFactory.UserPassword });
        var blocked = await client.GetAsync("/api/instances");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
    }

    [Fact]
    public async Task DeleteOrDemote_LastAdministrator_ConflictAndNothingChanged()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();

        var delete = await admin.DeleteAsync("/api/users/admin");
        var demote = await admin.PutAsJsonAsync("/api/users/admin/roles", new { roles = Operator });
        var stillAdmin = await admin.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("last administrator", await SignInTests.Detail(delete), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
    }

    [Fact]
    public async Task Delete_User_EndsTheSessionAndTheNameCanNoLongerSignIn()
    {
        using var factory = new ServerFactory();
        using var user = await factory.SignedInAsAsync("jens", "Auditor");
        using var admin = await factory.AdminAsync();

        var delete = await admin.DeleteAsync("/api/users/jens");
        var session = await user.GetAsync("/api/instances");
        var login = await user.PostAsJsonAsync("/api/auth/login", new { userName = "jens", password = ServerFactory.UserPassword });

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task SetRoles_AfterTheSessionWasUsed_EndsItOnItsNextRequest()
    {
        // The server reuses a session's security stamp for a few seconds; a role change must still end the session
        // on its very next request, not when that reuse runs out.
        using var factory = new ServerFactory();
        using var user = await factory.SignedInAsAsync("karen", "Planner");
        using var admin = await factory.AdminAsync();
        var before = await user.GetAsync("/api/auth/me");

        var set = await admin.PutAsJsonAsync("/api/users/karen/roles", new { roles = Operator });
        var after = await user.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("password or roles changed", await SignInTests.Detail(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRoles_GivesNewRightsAtTheNextSignIn()
    {
        using var factory = new ServerFactory();
        using var user = await factory.SignedInAsAsync("sofie", "Planner");
        using var admin = await factory.AdminAsync();
        var before = await user.GetAsync("/api/instances");

        var set = await admin.PutAsJsonAsync("/api/users/sofie/roles", new { roles = PlannerAndOperatorInLowerCase });
        await user.PostAsJsonAsync("/api/auth/login", new { userName = "sofie", password = ServerFactory.UserPassword });
        var after = await user.GetAsync("/api/instances");

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task List_NeverShowsPasswordHashes()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();

        var body = await admin.GetStringAsync("/api/users");

        Assert.Contains("\"userName\":\"admin\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal);
    }
}
