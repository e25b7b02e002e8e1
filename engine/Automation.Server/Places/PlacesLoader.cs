using Automation.Places.Import;
using Automation.Places.Registry;
using Automation.Places.Store;
using Automation.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Automation.Server.Places;

/// <summary>Fills the lookups from the store, and the store from the demo files on a first start.</summary>
internal sealed partial class PlacesLoader(PlacesStore store, PlacesRegistry registry, IOptions<ServerOptions> options, ILogger<PlacesLoader> logger)
{
    /// <summary>Rebuilds the in-memory lookups from what the store holds now.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadSnapshotAsync(cancellationToken);
        registry.Replace(snapshot);
        LogLoaded(logger, snapshot.Addresses.Count, snapshot.Areas.Count, snapshot.MeetingPoints.Count);
    }

    /// <summary>On a first start (an empty registry) imports the demo place data, when seeding is on.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.DemoPlacesDirectory;
        if (!options.Value.SeedDemoData || !Directory.Exists(folder))
        {
            return;
        }

        var counts = await store.CountAsync(cancellationToken);
        if (counts.CurrentAddresses + counts.CurrentAreas + counts.CurrentMeetingPoints > 0)
        {
            return;
        }

        var results = await DemoPlaceData.ImportAsync(new PlacesImporter(store), folder, path => LogMissing(logger, path), cancellationToken);
        foreach (var result in results)
        {
            LogSeeded(logger, Path.GetFileName(result.File), result.Added, result.Rejected, result.Duplicates);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Place registry serves {Addresses} addresses, {Areas} areas and {MeetingPoints} meeting points")]
    private static partial void LogLoaded(ILogger logger, int addresses, int areas, int meetingPoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported demo place data {File}: {Added} added, {Rejected} rejected, {Duplicates} duplicates")]
    private static partial void LogSeeded(ILogger logger, string file, int added, int rejected, int duplicates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo place data {Path} is missing; the registry starts without it")]
    private static partial void LogMissing(ILogger logger, string path);
}
