using System.Globalization;

namespace Automation.LoadTest;

/// <summary>Command-line settings of the load check.</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        load-server: starts the Automation server on 127.0.0.1, starts instances of a 5-step workflow through its API
        and compares with the engine run in this process on SQLite.

          --server-dll PATH    the built Automation.Server.dll (required; tools/load-server.sh passes the Release build)
          --instances N        instances per phase (default 10000)
          --concurrency C      requests in flight at once (default 16)
          --warmup N           instances run first and not counted (default 300)
          --time-limit MIN     the whole run stops with an error after this many minutes (default 20)
          --quick              1,000 instances, 100 warm-up: a smoke run
          --per-request        instead: the server's fixed cost per request (health, token and cookie GETs, --requests
                               each, --concurrency defaults to 2): requests/s and server CPU µs per request
          --requests N         requests per probe in --per-request (default 20000)
          --server-arg ARG     an extra argument for the server, repeatable (e.g. --server-arg --Automation:DispatchWorkers=4)
          --help               this text
        """;

    public string? ServerDll { get; private set; }

    public int Instances { get; private set; } = 10_000;

    public int Concurrency { get; private set; } = 16;

    public int Warmup { get; private set; } = 300;

    public TimeSpan TimeLimit { get; private set; } = TimeSpan.FromMinutes(20);

    public bool Help { get; private set; }

    public bool PerRequest { get; private set; }

    public int Requests { get; private set; } = 20_000;

    public List<string> ServerArguments { get; } = [];

    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--server-dll":
                    options.ServerDll = Value(args, ref i);
                    break;
                case "--instances":
                    options.Instances = Positive(args, ref i);
                    break;
                case "--concurrency":
                    options.Concurrency = Positive(args, ref i);
                    break;
                case "--warmup":
                    options.Warmup = Positive(args, ref i);
                    break;
                case "--time-limit":
                    options.TimeLimit = TimeSpan.FromMinutes(Positive(args, ref i));
                    break;
                case "--server-arg":
                    options.ServerArguments.Add(Value(args, ref i));
                    break;
                case "--per-request":
                    options.PerRequest = true;
                    break;
                case "--requests":
                    options.Requests = Positive(args, ref i);
                    break;
                case "--quick":
                    options.Instances = 1_000;
                    options.Warmup = 100;
                    break;
                case "--help" or "-h":
                    options.Help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (options.PerRequest && !args.Contains("--concurrency"))
        {
            options.Concurrency = 2;
        }

        if (!options.Help && (options.ServerDll is null || !File.Exists(options.ServerDll)))
        {
            throw new ArgumentException($"--server-dll must name the built Automation.Server.dll (given: '{options.ServerDll}'); build it with 'dotnet build engine/Automation.Server -c Release'.");
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Positive(IReadOnlyList<string> args, ref int i)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a whole number above 0, not '{text}'.");
    }
}
