using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Definitions;

/// <summary>
/// One server per test class, with a process owner, an operator and a planner signed in through the real sign-in.
/// Tests in a class share it, so each test uses workflow ids and correlation ids of its own.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>Small enough that a test can exceed it cheaply, large enough for every Elsa corpus file.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    public ServerFactory Factory { get; } = new ServerFactory().With("Automation:MaxRequestBodyBytes", MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Designs and publishes workflows (and may run them).</summary>
    public HttpClient Owner { get; private set; } = null!;

    /// <summary>Runs instances, retries and cancels them, answers Operator tasks.</summary>
    public HttpClient Operator { get; private set; } = null!;

    /// <summary>Neither designs nor runs workflows; sees only tasks for planners.</summary>
    public HttpClient Planner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Owner = await Factory.SignedInAsAsync("owner", Roles.ProcessOwner);
        Operator = await Factory.SignedInAsAsync("operator", Roles.Operator);
        Planner = await Factory.SignedInAsAsync("planner", Roles.Planner);
    }

    public Task DisposeAsync()
    {
        Owner?.Dispose();
        Operator?.Dispose();
        Planner?.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
