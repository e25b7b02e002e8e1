using System.Globalization;

namespace Automation.Benchmarks.Robots;

/// <summary>Command line of robot-bench.</summary>
internal sealed record BenchOptions(int Referrals, int Parallel, int Rounds, bool Help)
{
    public const string Usage = """
        usage: robot-bench [--referrals N] [--quick] [--parallel P] [--rounds R]
          --referrals N  referrals registered into B per measured pass (default 200)
          --quick        30 referrals: a smoke run
          --parallel P   browser contexts working at once in the parallel passes (default 4)
          --rounds R     measured rounds of the four passes; the median rate is reported (default 1)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(200, 4, 1, false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Referrals = 30 },
                "--referrals" => options with { Referrals = Positive(args, ++i) },
                "--parallel" => options with { Parallel = Positive(args, ++i) },
                "--rounds" => options with { Rounds = Positive(args, ++i) },
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return options;
    }

    private static int Positive(string[] args, int i) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{args[i - 1]}' needs a positive whole number after it.");
}
