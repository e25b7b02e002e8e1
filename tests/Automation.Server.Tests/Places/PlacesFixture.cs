using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Places;

/// <summary>One server with the demo place data seeded (real DAR sample, DAGI areas, hospitals), shared by the places tests.</summary>
public sealed class PlacesFixture : IAsyncLifetime
{
    public ServerFactory Server { get; } = new ServerFactory(seedDemoData: true)
        .With("Automation:DemoPlacesDirectory", Path.Combine(ServerFactory.RepositoryRoot, "seed", "places"));

    public HttpClient Planner { get; private set; } = null!;

    public async Task InitializeAsync() => Planner = await Server.SignedInAsAsync("planner", "Planner");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
