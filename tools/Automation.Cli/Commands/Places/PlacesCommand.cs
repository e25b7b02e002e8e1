using System.CommandLine;

namespace Automation.Cli.Commands.Places;

/// <summary><c>automation places ...</c>: the place-data registry (addresses, areas, meeting points).</summary>
internal static class PlacesCommand
{
    public static Command Create() => new("places", "Imports and looks up place data: addresses, areas and meeting points.")
    {
        PlacesImportCommand.Create(),
        PlacesLookupCommands.Search(),
        PlacesLookupCommands.Reverse(),
        PlacesLookupCommands.Area(),
        PlacesLookupCommands.Nearest(),
    };
}
