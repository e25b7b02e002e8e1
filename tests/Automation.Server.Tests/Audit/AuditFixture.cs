using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Audit;

/// <summary>One server with an administrator, an auditor, a process owner, an operator and a planner signed in.</summary>
public sealed class AuditFixture : IAsyncLifetime
{
    public ServerFactory Factory { get; } = new();

    public HttpClient Auditor { get; private set; } = null!;

    public HttpClient Owner { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Planner { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = await Factory.AdminAsync();
        Auditor = await Factory.SignedInAsAsync("auditor", Roles.Auditor);
        Owner = await Factory.SignedInAsAsync("owner", Roles.ProcessOwner);
        Operator = await Factory.SignedInAsAsync("operator", Roles.Operator);
        Planner = await Factory.SignedInAsAsync("planner", Roles.Planner);
    }

    public Task DisposeAsync()
    {
        Admin?.Dispose();
        Auditor?.Dispose();
        Owner?.Dispose();
        Operator?.Dispose();
        Planner?.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
