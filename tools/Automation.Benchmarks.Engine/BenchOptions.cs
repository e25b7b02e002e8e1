using System.Globalization;

namespace Automation.Benchmarks.Engine;

/// <summary>Command-line options of engine-bench.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        engine-bench: our workflow engine against WorkflowCore 3.22, in one process.

        Usage: engine-bench [--instances N] [--quick] [--rounds R] [--sqlite-concurrency C] [--diagnose]
          --instances N            instances per timed round (default 10000)
          --quick                  1000 instances per round: a smoke run
          --rounds R               timed rounds per case after warming up; the median is reported (default 3)
          --sqlite-concurrency C   instances running at once on SQLite, whose commits the writer groups (default 64)
          --diagnose               adds rows for our in-memory engine with the journal not kept, to show the GC's share
        """;

    /// <summary>Instances per timed round. <value>10,000</value></summary>
    public int Instances { get; private set; } = 10_000;

    /// <summary>Timed rounds per case. <value>3</value></summary>
    public int Rounds { get; private set; } = 3;

    /// <summary>Instances in flight at once on SQLite. <value>64</value></summary>
    public int SqliteConcurrency { get; private set; } = 64;

    /// <summary>Adds diagnostic rows (in-memory store without journal). <value>false</value></summary>
    public bool Diagnose { get; private set; }

    public bool Help { get; private set; }

    /// <summary>Instances per untimed warm-up round (rounds repeat until the JIT has had time to optimise).</summary>
    public int WarmupInstances => Math.Min(Instances, Math.Max(1_000, Instances / 5));

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--instances":
                    options.Instances = PositiveInt(args, ++i, "--instances");
                    break;
                case "--quick":
                    options.Instances = 1_000;
                    break;
                case "--rounds":
                    options.Rounds = PositiveInt(args, ++i, "--rounds");
                    break;
                case "--sqlite-concurrency":
                    options.SqliteConcurrency = PositiveInt(args, ++i, "--sqlite-concurrency");
                    break;
                case "--diagnose":
                    options.Diagnose = true;
                    break;
                case "-h" or "--help":
                    options.Help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Use --instances N, --quick, --rounds R, --sqlite-concurrency C or --diagnose.");
            }
        }

        return options;
    }

    private static int PositiveInt(string[] args, int index, string option) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} needs a positive whole number, for example {option} 1000.");
}
