using System.Globalization;

namespace Automation.Benchmarks.Designer;

/// <summary>The command line of designer-bench.</summary>
internal sealed record BenchOptions(string ServerDll, string WebAppDirectory, int Activities, double Seconds, string Chromium, bool Help)
{
    public const string Usage = """
        designer-bench --server <Automation.Server.dll> --webapp <designer/dist> [--activities 300] [--seconds 3] [--chromium /usr/bin/chromium]

        Starts the built server on a free port of 127.0.0.1 over a temporary data folder, saves a flow of N activities
        through the API, opens it in the designer in headless Chromium and measures: time until every node is drawn,
        frames per second while panning the empty canvas and while dragging a node (requestAnimationFrame counting),
        and the gzip size of the JavaScript the first page loads. tools/bench-designer.sh builds and runs it.
        """;

    public static BenchOptions Parse(string[] args)
    {
        string? server = null;
        string? webapp = null;
        var activities = 300;
        var seconds = 3.0;
        var chromium = "/usr/bin/chromium";
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--server": server = Next(); break;
                case "--webapp": webapp = Next(); break;
                case "--activities": activities = ParsePositive(Next(), "--activities"); break;
                case "--seconds": seconds = ParsePositive(Next(), "--seconds"); break;
                case "--chromium": chromium = Next(); break;
                case "-h" or "--help": help = true; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        if (help)
        {
            return new BenchOptions("", "", activities, seconds, chromium, true);
        }

        if (server is null || !File.Exists(server))
        {
            throw new ArgumentException($"--server must name the built Automation.Server.dll (got '{server}'); tools/bench-designer.sh builds it.");
        }

        if (webapp is null || !File.Exists(Path.Combine(webapp, "index.html")))
        {
            throw new ArgumentException($"--webapp must name the built web app with index.html (got '{webapp}'); run designer/build.sh.");
        }

        if (!File.Exists(chromium))
        {
            throw new ArgumentException($"Chromium is not at {chromium}; install Debian's chromium package or pass --chromium.");
        }

        return new BenchOptions(Path.GetFullPath(server), Path.GetFullPath(webapp), activities, seconds, chromium, false);
    }

    private static int ParsePositive(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a whole number above 0 (got '{text}').");
}
