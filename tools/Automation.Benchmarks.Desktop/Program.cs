using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Automation.Benchmarks.Desktop;

// desktop-bench: our desktop robot (the driver's session, as workflows use it) against python3-pyatspi doing the same
// steps on the same legacy app in the same run. Run inside a desktop session: tools/bench-desktop.sh.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 1;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")))
{
    Console.Error.WriteLine("desktop-bench needs a desktop session (DISPLAY and DBUS_SESSION_BUS_ADDRESS); run it through tools/bench-desktop.sh.");
    return 1;
}

var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"desktop-bench: per-action latency over {options.Actions} fills (find + set text + verify) and a {options.Records}-record transfer (login once; per record open the form, fill all 9 fields, Gem, verify by search), ours and pyatspi each on a fresh PAS Desktop, {options.Rounds} round{(options.Rounds == 1 ? "" : "s")} (medians)");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {LoadAverage()} at start");

var ours = new List<BenchResult>();
var reference = new List<BenchResult>();
for (var round = 1; round <= options.Rounds; round++)
{
    // Alternate who goes first, so a change in machine load does not always favour the same side.
    var order = round % 2 == 1 ? new[] { "ours", "pyatspi" } : ["pyatspi", "ours"];
    foreach (var side in order)
    {
        using var app = LegacyApp.Start(options.Repository);
        var result = side == "ours"
            ? await RobotBench.RunAsync(app, options, CancellationToken.None)
            : await PyAtSpiBench.RunAsync(app, options, CancellationToken.None);
        var saved = app.CountRegistrations();
        if (saved != options.Records)
        {
            Console.Error.WriteLine($"{side}: the app holds {saved} registrations after the transfer, not {options.Records}.");
            return 1;
        }

        (side == "ours" ? ours : reference).Add(result);
        Console.WriteLine($"round {round} {side,-8} action median {result.ActionMedianMs,7:F2} ms  p95 {result.ActionP95Ms,7:F2} ms  transfer {result.TransferSeconds,6:F2} s ({result.TransferSeconds / options.Records * 1000,5:F0} ms/record)  login {result.LoginSeconds:F2} s");
    }
}

Console.WriteLine();
Console.WriteLine("ours, time per step over all transfers (mean ms, count):");
foreach (var (step, (count, ms)) in RobotBench.Steps.OrderByDescending(s => s.Value.Ms))
{
    Console.WriteLine(string.Create(inv, $"  {step,-32}{ms / count,8:F1} ms  ×{count}"));
}

var o = BenchResult.Median(ours);
var p = BenchResult.Median(reference);
Console.WriteLine();
Console.WriteLine($"{"",-28}{"ours",12}{"pyatspi",12}{"ours/pyatspi",15}");
Row("action median (ms)", o.ActionMedianMs, p.ActionMedianMs);
Row("action p95 (ms)", o.ActionP95Ms, p.ActionP95Ms);
Row("action mean (ms)", o.ActionMeanMs, p.ActionMeanMs);
Row($"transfer {options.Records} records (s)", o.TransferSeconds, p.TransferSeconds);
Console.WriteLine($"target: ours ≤ 1× pyatspi — per action {(o.ActionMedianMs <= p.ActionMedianMs ? "met" : "NOT met")}, transfer {(o.TransferSeconds <= p.TransferSeconds ? "met" : "NOT met")}; load average {LoadAverage()} at end");
return 0;

void Row(string name, double ourValue, double theirs) =>
    Console.WriteLine(string.Create(inv, $"{name,-28}{ourValue,12:F2}{theirs,12:F2}{ourValue / theirs,14:F2}×"));

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

namespace Automation.Benchmarks.Desktop
{
    /// <summary>What one side measured.</summary>
    internal sealed record BenchResult(double ActionMedianMs, double ActionP95Ms, double ActionMeanMs, double TransferSeconds, double LoginSeconds)
    {
        public static BenchResult FromLatencies(List<double> latencies, double transferSeconds, double loginSeconds)
        {
            latencies.Sort();
            return new BenchResult(latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.95)], latencies.Average(), transferSeconds, loginSeconds);
        }

        public static BenchResult Median(List<BenchResult> results)
        {
            static double M(IEnumerable<double> values)
            {
                var sorted = values.Order().ToList();
                return sorted[sorted.Count / 2];
            }

            return new BenchResult(M(results.Select(r => r.ActionMedianMs)), M(results.Select(r => r.ActionP95Ms)), M(results.Select(r => r.ActionMeanMs)), M(results.Select(r => r.TransferSeconds)), M(results.Select(r => r.LoginSeconds)));
        }
    }

    /// <summary>The reference side: tools/Automation.Benchmarks.Desktop/pyatspi_reference.py run by Debian's python3.</summary>
    internal static class PyAtSpiBench
    {
        public static async Task<BenchResult> RunAsync(LegacyApp app, BenchOptions options, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                Path.Combine(options.Repository, "tools", "Automation.Benchmarks.Desktop", "pyatspi_reference.py"),
                "--pid", app.Pid.ToString(CultureInfo.InvariantCulture),
                "--actions", options.Actions.ToString(CultureInfo.InvariantCulture),
                "--records", options.Records.ToString(CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pyatspi_reference.py failed (exit {process.ExitCode}): {await stderr}");
            }

            using var json = JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]);
            var r = json.RootElement;
            return new BenchResult(
                r.GetProperty("actionMedianMs").GetDouble(), r.GetProperty("actionP95Ms").GetDouble(), r.GetProperty("actionMeanMs").GetDouble(),
                r.GetProperty("transferSeconds").GetDouble(), r.GetProperty("loginSeconds").GetDouble());
        }
    }

    /// <summary>The legacy PAS Desktop app on a fresh data folder, killed and deleted on dispose.</summary>
    internal sealed class LegacyApp : IDisposable
    {
        private readonly Process _process;

        private LegacyApp(Process process, string data)
        {
            _process = process;
            DataDirectory = data;
        }

        public int Pid => _process.Id;

        public string DataDirectory { get; }

        public static LegacyApp Start(string repository)
        {
            var data = Path.Combine(Path.GetTempPath(), "desktop-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(data);
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(repository, "tools", "Automation.LegacyDesktop", "legacy_pas.py"));
            start.ArgumentList.Add("--data");
            start.ArgumentList.Add(data);
            start.Environment.Remove("NO_AT_BRIDGE");
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new LegacyApp(process, data);
        }

        /// <summary>Rows in the app's SQLite file, counted by Debian's python (its sqlite3 module), independent of both clients.</summary>
        public int CountRegistrations()
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(DISTINCT referral_id) FROM registrations').fetchone()[0])");
            start.ArgumentList.Add(Path.Combine(DataDirectory, "pas.db"));
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    internal sealed record BenchOptions(string Repository, int Actions, int Records, int Rounds, bool Help)
    {
        public const string Usage = "usage: desktop-bench [--repository PATH] [--actions N (200)] [--records N (50)] [--rounds R (1)]";

        public static BenchOptions Parse(string[] args)
        {
            var repository = Directory.GetCurrentDirectory();
            int actions = 200, records = 50, rounds = 1;
            var help = false;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                int Number() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive number.");
                switch (args[i])
                {
                    case "--repository": repository = Next(); break;
                    case "--actions": actions = Number(); break;
                    case "--records": records = Number(); break;
                    case "--rounds": rounds = Number(); break;
                    case "--help" or "-h": help = true; break;
                    default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
                }
            }

            if (!File.Exists(Path.Combine(repository, "tools", "Automation.LegacyDesktop", "legacy_pas.py")))
            {
                throw new ArgumentException($"{repository} holds no tools/Automation.LegacyDesktop/legacy_pas.py; give the repository with --repository.");
            }

            return new BenchOptions(repository, actions, records, rounds, help);
        }
    }
}
