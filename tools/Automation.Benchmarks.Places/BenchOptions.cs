using System.Globalization;

namespace Automation.Benchmarks.Places;

/// <summary>Command-line options of places-bench.</summary>
internal sealed record BenchOptions(
    string Command, string DataFolder, int Addresses, int Roads, int PickUpPoints, int Seed, int Port, int PointQueries, int TextQueries, bool NoPostGis, bool InMemory,
    string? ServerDll = null, int HttpPointQueries = 20_000)
{
    public const string Usage = """
        usage: places-bench generate [--data DIR] [--addresses N] [--roads N] [--pick-up-points N] [--seed S]
               places-bench run      [--data DIR] [--port P] [--point-queries N] [--text-queries N] [--no-postgis] [--in-memory]
                                     [--server-dll PATH/Automation.Server.dll] [--http-point-queries N]
               places-bench profile-import [--data DIR]   (CPU time per import phase)
        defaults: --data /tmp/places-bench-data --addresses 3800000 --roads 110000 --pick-up-points 5000 --seed 42
                  --port 55491 --point-queries 50000 --text-queries 1000 --http-point-queries 20000;
                  without --server-dll the HTTP figures are left out (tools/bench-places.sh passes it)
        """;

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("generate" or "run" or "profile-import"))
        {
            return null;
        }

        var options = new BenchOptions(args[0], "/tmp/places-bench-data", 3_800_000, 110_000, 5_000, 42, 55_491, 50_000, 1_000, false, false);
        for (var i = 1; i < args.Length; i++)
        {
            int Int() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.");
            try
            {
                options = args[i] switch
                {
                    "--data" when i + 1 < args.Length => options with { DataFolder = args[++i] },
                    "--addresses" => options with { Addresses = Int() },
                    "--roads" => options with { Roads = Int() },
                    "--pick-up-points" => options with { PickUpPoints = Int() },
                    "--seed" => options with { Seed = Int() },
                    "--port" => options with { Port = Int() },
                    "--point-queries" => options with { PointQueries = Int() },
                    "--text-queries" => options with { TextQueries = Int() },
                    "--no-postgis" => options with { NoPostGis = true },
                    "--in-memory" => options with { InMemory = true },
                    "--server-dll" when i + 1 < args.Length => options with { ServerDll = args[++i] },
                    "--http-point-queries" => options with { HttpPointQueries = Int() },
                    _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
                };
            }
            catch (ArgumentException error)
            {
                Console.Error.WriteLine(error.Message);
                return null;
            }
        }

        return options;
    }
}
