using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Scheduling;

/// <summary>One server with a real Quartz scheduler per test class, and a process owner signed in. Tests use ids of their own.</summary>
public sealed class SchedulingFixture : IAsyncLifetime
{
    /// <summary>The time zone cron triggers are read in, as the health region would configure it.</summary>
    public const string TimeZone = "Europe/Copenhagen";

    public ServerFactory Factory { get; } = new ServerFactory().With("Automation:Scheduling:TimeZone", TimeZone);

    /// <summary>Publishes workflows and reads their instances.</summary>
    public HttpClient Owner { get; private set; } = null!;

    public async Task InitializeAsync() => Owner = await Factory.SignedInAsAsync("scheduler-owner", Roles.ProcessOwner);

    public async Task DisposeAsync()
    {
        Owner.Dispose();
        await Factory.DisposeAsync();
    }
}
