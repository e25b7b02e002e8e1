using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Automation.Benchmarks.Robots;
using Automation.LegacyWeb;

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

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var inv = CultureInfo.InvariantCulture;
var work = Path.Combine(Path.GetTempPath(), "robot-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);

Console.WriteLine($"robot-bench: {options.Referrals} referrals from A registered into a fresh B per pass, 1 and {options.Parallel} browser contexts, {options.Rounds} round{(options.Rounds == 1 ? "" : "s")} (median), after one warm-up");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {LoadAverage()} at start");

try
{
    List<Record> records;
    await using (var a = await LegacySystem.StartAsync(LegacyVariant.A, Path.Combine(work, "a"), port: 0, ct))
    {
        records = a.Control.SeedReferrals(options.Referrals).Select(Record.From).ToList();
    }

    await using var robot = new RobotRegistrar(Path.Combine(work, "evidence"));
    await using var raw = await RawRegistrar.StartAsync();
    var pass = 0;

    async Task<double> RunPassAsync(IRegistrar registrar, int contexts, IReadOnlyList<Record> batch)
    {
        var dir = Path.Combine(work, $"b-{++pass}");
        await using var b = await LegacySystem.StartAsync(LegacyVariant.B, dir, port: 0, ct);
        var target = new BTarget($"pas-{pass}", b.BaseUrl);
        robot.AddTarget(target);
        var journals = new ConcurrentDictionary<string, string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = contexts, CancellationToken = ct },
            async (record, c) => journals[record.ReferralId] = await registrar.RegisterAsync(target, record, c));
        clock.Stop();
        Verify(b, batch, journals, $"{registrar.Name} x{contexts}");
        return clock.Elapsed.TotalSeconds;
    }

    // Warm-up: JIT, Chromium's first contexts, both code paths and both degrees of parallelism, on a B of their own.
    var warm = records.Take(Math.Min(records.Count, 2 * options.Parallel)).ToList();
    foreach (var registrar in new IRegistrar[] { raw, robot })
    {
        await RunPassAsync(registrar, 1, warm.Take(2).ToList());
        await RunPassAsync(registrar, options.Parallel, warm);
    }

    Console.WriteLine($"warm-up done; load average {LoadAverage()}");
    var cases = new (IRegistrar Registrar, int Contexts)[] { (raw, 1), (robot, 1), (raw, options.Parallel), (robot, options.Parallel) };
    var seconds = cases.ToDictionary(c => c, _ => new List<double>());
    for (var round = 1; round <= options.Rounds; round++)
    {
        foreach (var c in cases)
        {
            var s = await RunPassAsync(c.Registrar, c.Contexts, records);
            seconds[c].Add(s);
            Console.WriteLine($"  round {round}: {c.Registrar.Name,-5} x{c.Contexts}: {s.ToString("0.00", inv)} s, verified {records.Count} registrations in B");
        }
    }

    double Rate((IRegistrar, int) c) => records.Count / Median(seconds[c]) * 60;
    Console.WriteLine();
    Console.WriteLine("| layer | contexts | referrals | seconds (median) | records/minute | ms/record (wall) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var c in cases)
    {
        var s = Median(seconds[c]);
        Console.WriteLine($"| {(c.Registrar == robot ? "robot activities (engine)" : "raw Playwright")} | {c.Contexts} | {records.Count} | {s.ToString("0.00", inv)} | {Rate(c).ToString("0", inv)} | {(s * 1000 / records.Count).ToString("0", inv)} |");
    }

    Console.WriteLine();
    foreach (var contexts in new[] { 1, options.Parallel })
    {
        var ratio = Rate((raw, contexts)) / Rate((robot, contexts));
        Console.WriteLine($"overhead robot/raw with {contexts} context{(contexts == 1 ? "" : "s")}: {ratio.ToString("0.00", inv)}x (target <= 1.15x: {(ratio <= 1.15 ? "met" : "NOT met")})");
    }

    Console.WriteLine($"scaling 1 -> {options.Parallel} contexts: robot {(Rate((robot, options.Parallel)) / Rate((robot, 1))).ToString("0.00", inv)}x, raw {(Rate((raw, options.Parallel)) / Rate((raw, 1))).ToString("0.00", inv)}x");
    Console.WriteLine($"load average {LoadAverage()} at end");
    return 0;
}
catch (VerificationException ex)
{
    Console.Error.WriteLine($"robot-bench: B does not hold the expected registrations, so no figures are reported: {ex.Message}");
    return 2;
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
        // A file still held open; the temp folder is cleaned up by the system later.
    }
}

static void Verify(LegacySystem b, IReadOnlyList<Record> batch, ConcurrentDictionary<string, string> journals, string pass)
{
    var saved = b.Control.Registrations();
    var expected = batch.ToDictionary(r => r.ReferralId);
    if (saved.Count != batch.Count)
    {
        throw new VerificationException($"{pass}: B holds {saved.Count} registrations, expected {batch.Count}.");
    }

    var twice = saved.GroupBy(r => r.ReferralId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
    if (twice.Count > 0)
    {
        throw new VerificationException($"{pass}: registered more than once: {string.Join(", ", twice.Take(5))}.");
    }

    foreach (var registration in saved)
    {
        if (!expected.TryGetValue(registration.ReferralId, out var record))
        {
            throw new VerificationException($"{pass}: B holds {registration.ReferralId}, which was not in the batch.");
        }

        if (journals.GetValueOrDefault(registration.ReferralId) != registration.RecordNumber)
        {
            throw new VerificationException($"{pass}: {registration.ReferralId} was saved as {registration.RecordNumber}, but the receipt read {journals.GetValueOrDefault(registration.ReferralId) ?? "nothing"}.");
        }

        var same = registration.Cpr == record.Cpr && registration.FirstName == record.FirstName && registration.LastName == record.LastName &&
            registration.Address == record.Address && registration.PostalCode == record.PostalCode && registration.City == record.City &&
            registration.Department == record.DepartmentCode && registration.Urgent == record.Urgent &&
            registration.ReferralDate.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) == record.ReferralDate;
        if (!same)
        {
            throw new VerificationException($"{pass}: {registration.ReferralId} was saved with values that differ from A's referral.");
        }
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

namespace Automation.Benchmarks.Robots
{
    /// <summary>B does not hold exactly the registrations a pass should have made.</summary>
    internal sealed class VerificationException(string message) : Exception(message);
}
