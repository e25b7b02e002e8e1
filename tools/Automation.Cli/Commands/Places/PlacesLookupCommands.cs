using System.CommandLine;
using System.Text.Json;
using Automation.Places.Registry;
using Automation.Places.Spatial;
using Automation.Places.Store;

namespace Automation.Cli.Commands.Places;

/// <summary>
/// <c>automation places search|reverse|area|nearest</c>: the planner's lookups for scripts. Each opens the store,
/// builds the in-memory lookups once and prints one JSON document on stdout (WGS84 lat/lon with EPSG:25832 x/y);
/// errors go to stderr with exit 1.
/// </summary>
internal static class PlacesLookupCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Search()
    {
        var database = DatabaseOption();
        var limit = new Option<int>("--limit") { Description = "Most results, 1 to 1000.", DefaultValueFactory = _ => PlacesRegistry.DefaultLimit, HelpName = "N" };
        var query = new Argument<string[]>("query") { Description = "The address as typed, e.g. \"holmens kanal 2\".", Arity = ArgumentArity.OneOrMore };
        var command = new Command("search", "Address search / autocomplete: prints a JSON array, best first, of {id, text, postnr, lat, lon, x, y}.") { database, limit, query };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(database), registry =>
            registry.Search(string.Join(' ', parse.GetValue(query) ?? []), parse.GetValue(limit)), cancellationToken));
        return command;
    }

    public static Command Reverse()
    {
        var database = DatabaseOption();
        var (lat, lon) = PointOptions();
        var max = new Option<double>("--max-m") { Description = "Largest distance in metres.", DefaultValueFactory = _ => PlacesRegistry.DefaultMaxDistanceMetres, HelpName = "M" };
        var road = new Option<bool>("--road-point") { Description = "Measure to the road point instead of the entrance." };
        var command = new Command("reverse", "The address nearest to a point: prints {address, distanceMetres}, or null when none is within --max-m.") { database, lat, lon, max, road };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(database), registry =>
            registry.Reverse(parse.GetRequiredValue(lat), parse.GetRequiredValue(lon), parse.GetValue(max), parse.GetValue(road) ? AddressPointKind.RoadPoint : AddressPointKind.Entrance), cancellationToken));
        return command;
    }

    public static Command Area()
    {
        var database = DatabaseOption();
        var (lat, lon) = PointOptions();
        var command = new Command("area", "The kommune, postal code, region and alarm areas containing a point, as JSON.") { database, lat, lon };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(database), registry =>
            registry.Areas(parse.GetRequiredValue(lat), parse.GetRequiredValue(lon)), cancellationToken));
        return command;
    }

    public static Command Nearest()
    {
        var database = DatabaseOption();
        var (lat, lon) = PointOptions();
        var k = new Option<int>("--k") { Description = "How many, 1 to 1000.", DefaultValueFactory = _ => 5, HelpName = "K" };
        var kind = new Option<string?>("--kind") { Description = "Only meeting points of this kind, e.g. hospital-entrance.", HelpName = "KIND" };
        var command = new Command("nearest", "The k nearest meeting points, nearest first, with straight-line distance in metres, as a JSON array.") { database, lat, lon, k, kind };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(database), registry =>
            registry.Nearest(parse.GetRequiredValue(lat), parse.GetRequiredValue(lon), parse.GetValue(k), parse.GetValue(kind)), cancellationToken));
        return command;
    }

    private static Option<string> DatabaseOption() =>
        new("--db") { Description = "The places SQLite file (see `automation places import`).", HelpName = "PATH", Required = true };

    private static (Option<double> Lat, Option<double> Lon) PointOptions() =>
        (new Option<double>("--lat") { Description = "WGS84 latitude, e.g. 56.19.", Required = true, HelpName = "LAT" },
         new Option<double>("--lon") { Description = "WGS84 longitude, e.g. 10.17.", Required = true, HelpName = "LON" });

    private static async Task<int> RunAsync<T>(string databasePath, Func<PlacesRegistry, T> lookup, CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            await Console.Error.WriteLineAsync($"--db: {databasePath} does not exist; create it with `automation places import --db {databasePath} FILE...`.");
            return ExitCodes.Failed;
        }

        var registry = new PlacesRegistry();
        using (var store = PlacesStore.Open(databasePath))
        {
            registry.Replace(await store.LoadSnapshotAsync(cancellationToken));
        }

        try
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(lookup(registry), Json));
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is PlaceInputException or ArgumentOutOfRangeException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }
    }
}
