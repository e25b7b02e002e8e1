using System.CommandLine;
using System.Globalization;
using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Store;

namespace Automation.Cli.Commands.Places;

/// <summary>
/// <c>automation places import --db PATH FILE...</c>: imports each file in its own transaction and prints per file the
/// counts of added, changed, unchanged and rejected records. Exit 1 if any file had a rejected row (that file was
/// not written; the others were).
/// </summary>
internal sealed class PlacesImportCommand(string databasePath, ImportKind? kind, AreaKind? areaKind, string? pointKind, bool timing, IReadOnlyList<string> files)
{
    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "The places SQLite file (created if missing).", HelpName = "PATH", Required = true };
        var kind = new Option<string?>("--kind") { Description = "What the files hold; detected from extension and header when left out.", HelpName = "addresses|areas|meeting-points" };
        kind.AcceptOnlyFromAmong("addresses", "areas", "meeting-points");
        var areaKind = new Option<string?>("--area-kind") { Description = "For areas: import the polygons as this kind (e.g. kommune polygons as alarm areas).", HelpName = "kommune|postcode|region|alarm" };
        areaKind.AcceptOnlyFromAmong("kommune", "postcode", "region", "alarm");
        var pointKind = new Option<string?>("--point-kind") { Description = $"For meeting points without a kind column: {string.Join(", ", MeetingPointKinds.All)}.", HelpName = "KIND" };
        var timing = new Option<bool>("--timing") { Description = "Also print each file's import time and rows per second." };
        var files = new Argument<string[]>("files") { Description = "CSV or GeoJSON files, imported in order.", HelpName = "FILE", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Imports DAR-style address CSV, area GeoJSON and meeting-point GeoJSON/CSV. Prints added/changed/unchanged/rejected per file; exit 1 if anything was rejected.")
        {
            database, kind, areaKind, pointKind, timing, files,
        };
        command.SetAction((parse, cancellationToken) => new PlacesImportCommand(
            parse.GetRequiredValue(database),
            parse.GetValue(kind) switch { "addresses" => ImportKind.Addresses, "areas" => ImportKind.Areas, "meeting-points" => ImportKind.MeetingPoints, _ => null },
            parse.GetValue(areaKind) switch { "kommune" => AreaKind.Kommune, "postcode" => AreaKind.PostCode, "region" => AreaKind.Region, "alarm" => AreaKind.Alarm, _ => null },
            parse.GetValue(pointKind),
            parse.GetValue(timing),
            parse.GetValue(files) ?? []).ExecuteAsync(cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (pointKind is not null && !MeetingPointKinds.IsKnown(pointKind))
        {
            await Console.Error.WriteLineAsync($"--point-kind: unknown kind '{pointKind}'; use one of {string.Join(", ", MeetingPointKinds.All)}.");
            return ExitCodes.Failed;
        }

        PlacesStore store;
        try
        {
            store = PlacesStore.Open(databasePath);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }

        using (store)
        {
            var importer = new PlacesImporter(store);
            var failed = false;
            foreach (var file in files)
            {
                ImportResult result;
                var bar = Console.IsOutputRedirected ? null : new ProgressBar(file);
                try
                {
                    result = await importer.ImportFileAsync(file, new ImportOptions(kind, areaKind, pointKind), bar, cancellationToken);
                }
                catch (ImportException ex)
                {
                    bar?.Clear();
                    await Console.Error.WriteLineAsync(ex.Message);
                    failed = true;
                    continue;
                }

                bar?.Clear();
                Console.Out.WriteLine(Describe(result));
                foreach (var problem in result.Problems)
                {
                    await Console.Error.WriteLineAsync(problem.ToString());
                }

                if (result.Rejected > 0)
                {
                    failed = true;
                    await Console.Error.WriteLineAsync($"{file}: {result.Rejected} row(s) rejected, nothing of this file was written; fix the rows listed above and import it again.");
                }
            }

            return failed ? ExitCodes.Failed : ExitCodes.Ok;
        }
    }

    private string Describe(ImportResult result)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{result.File}: {Kind(result.Kind)}: added {result.Added}, changed {result.Changed}, unchanged {result.Unchanged}, rejected {result.Rejected}");
        if (result.Duplicates > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", duplicates skipped {result.Duplicates}");
        }

        if (timing)
        {
            var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-6);
            line += string.Create(CultureInfo.InvariantCulture, $" ({seconds:F2} s, {result.Rows / seconds:F0} rows/s)");
        }

        return line;
    }

    private static string Kind(ImportKind kind) => kind switch
    {
        ImportKind.Addresses => "addresses",
        ImportKind.Areas => "areas",
        _ => "meeting-points",
    };

    /// <summary>A one-line progress bar with the row rate, redrawn in place on an interactive terminal.</summary>
    private sealed class ProgressBar(string file) : IProgress<ImportProgress>
    {
        private const int Width = 30;

        public void Report(ImportProgress value)
        {
            var fraction = value.TotalBytes > 0 ? Math.Clamp((double)value.BytesRead / value.TotalBytes, 0, 1) : 0;
            var filled = (int)(fraction * Width);
            var rate = value.Rows / Math.Max(value.Elapsed.TotalSeconds, 1e-3);
            Console.Out.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\r{Path.GetFileName(file)} [{new string('#', filled)}{new string(' ', Width - filled)}] {fraction * 100,3:F0}% {value.Rows:N0} rows {rate:N0} rows/s  "));
        }

        public void Clear()
        {
            // Some terminals (and pseudo-terminals) report a width of 0.
            var width = Console.WindowWidth > 1 ? Math.Min(Console.WindowWidth - 1, file.Length + 80) : file.Length + 80;
            Console.Out.Write("\r" + new string(' ', width) + "\r");
        }
    }
}
