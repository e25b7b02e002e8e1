using System.Diagnostics;
using Automation.Places.Search;
using Xunit.Abstractions;

namespace Automation.Places.Tests.Search;

/// <summary>
/// The by-hand scale check: by default a quick 10,000-address run that checks the synthetic queries find their
/// address; with <c>PLACES_SEARCH_SCALE=3800000</c> (and optionally <c>PLACES_SEARCH_ROADS</c>, default
/// addresses / 34.5) it builds the national-scale set and prints build time, memory and p50/p99 latencies.
/// Not a timed test: the figures are printed, never asserted.
/// </summary>
public sealed class AddressSearchScaleCheck(ITestOutputHelper output)
{
    [Fact]
    public void Search_SyntheticSetWithTenPercentTypos_FindsIntendedAddresses()
    {
        var size = int.TryParse(Environment.GetEnvironmentVariable("PLACES_SEARCH_SCALE"), out var n) ? n : 10_000;
        var roads = int.TryParse(Environment.GetEnvironmentVariable("PLACES_SEARCH_ROADS"), out var r) ? r : (int)(size / 34.5);
        var records = SyntheticAddresses.Generate(size, roads, seed: 7);

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var gen2 = GC.CollectionCount(2);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var index = AddressSearchIndex.Build(records);
        var buildMs = watch.Elapsed.TotalMilliseconds;
        gen2 = GC.CollectionCount(2) - gen2;
        var buildCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var queryCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var random = new Random(11);
        var queries = Math.Min(20_000, size / 4);
        var latencies = new double[queries];
        var texts = new string[queries];
        int clean = 0, cleanFirst = 0, typo = 0, typoTop5 = 0;
        for (var q = 0; q < queries; q++)
        {
            var target = records[random.Next(records.Count)];
            var withTypo = q % 10 == 9;
            var partial = q % 10 is 1 or 2;
            var text = withTypo ? Typo(target.Text, target.RoadName, random)
                : partial ? target.Text[..Math.Min(target.Text.Length, 3 + random.Next(target.Text.Length))]
                : target.Text;
            var start = Stopwatch.GetTimestamp();
            var hits = index.Search(text, 10);
            latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            texts[q] = text;
            if (withTypo)
            {
                typo++;
                typoTop5 += hits.Take(5).Any(h => h.Id == target.Id) ? 1 : 0;
            }
            else if (!partial)
            {
                clean++;
                cleanFirst += hits.Count > 0 && hits[0].Id == target.Id ? 1 : 0;
            }
        }

        var queryCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - queryCpu).TotalMilliseconds;

        // On a shared machine a single timing catches other processes' time slices: also report the best of
        // three runs per query, which shows the search's own cost.
        var bestOfThree = new double[queries];
        for (var q = 0; q < queries; q++)
        {
            bestOfThree[q] = latencies[q];
            for (var run = 0; run < 2; run++)
            {
                var start = Stopwatch.GetTimestamp();
                index.Search(texts[q], 10);
                bestOfThree[q] = Math.Min(bestOfThree[q], Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        var slowest = Enumerable.Range(0, queries).OrderByDescending(q => bestOfThree[q]).Take(3).Select(q => $"{texts[q]} ({bestOfThree[q]:F2} ms)");
        Array.Sort(bestOfThree);
        var typoLatencies = latencies.Where((_, q) => q % 10 == 9).Order().ToArray();
        var cleanLatencies = latencies.Where((_, q) => q % 10 is not (9 or 1 or 2)).Order().ToArray();
        var partialLatencies = latencies.Where((_, q) => q % 10 is 1 or 2).Order().ToArray();
        Array.Sort(latencies);
        output.WriteLine($"addresses {records.Count:N0}, groups {index.GroupCount:N0}, vocabulary {index.VocabularySize:N0}");
        output.WriteLine($"build {buildMs:F0} ms wall, {buildCpuMs:F0} ms CPU ({gen2} gen2 GCs, {Environment.ProcessorCount} cores), index managed memory {(after - before) / 1048576.0:F0} MiB, process working set {Environment.WorkingSet / 1048576.0:F0} MiB");
        output.WriteLine($"queries {queries:N0} (10 % typo): p50 {latencies[queries / 2]:F3} ms, p99 {latencies[(int)(queries * 0.99)]:F3} ms, max {latencies[^1]:F3} ms, {queries / latencies.Sum() * 1000:F0} q/s single thread, mean CPU {queryCpuMs / queries:F3} ms/query");
        output.WriteLine($"clean only: p50 {cleanLatencies[cleanLatencies.Length / 2]:F3} ms, p99 {cleanLatencies[(int)(cleanLatencies.Length * 0.99)]:F3} ms; typo only: p50 {typoLatencies[typoLatencies.Length / 2]:F3} ms, p99 {typoLatencies[(int)(typoLatencies.Length * 0.99)]:F3} ms; partial (autocomplete) only: p50 {partialLatencies[partialLatencies.Length / 2]:F3} ms, p99 {partialLatencies[(int)(partialLatencies.Length * 0.99)]:F3} ms");
        output.WriteLine($"best of three runs per query: p50 {bestOfThree[queries / 2]:F3} ms, p99 {bestOfThree[(int)(queries * 0.99)]:F3} ms, max {bestOfThree[^1]:F3} ms; slowest: {string.Join(" | ", slowest)}");
        output.WriteLine($"clean first {cleanFirst}/{clean} ({100.0 * cleanFirst / clean:F1} %), typo in top 5 {typoTop5}/{typo} ({100.0 * typoTop5 / typo:F1} %)");

        Assert.True(cleanFirst >= clean * 0.98, $"clean queries first: {cleanFirst}/{clean}");
        Assert.True(typoTop5 >= typo * 0.90, $"typo queries in top 5: {typoTop5}/{typo}");
    }

    private static string Typo(string text, string road, Random random)
    {
        var word = road.Split(' ').OrderByDescending(w => w.Length).First();
        if (word.Length < 5)
        {
            return text;
        }

        var at = 1 + random.Next(word.Length - 3);
        var typo = random.Next(4) switch
        {
            0 => string.Concat(word.AsSpan(0, at), word[at + 1].ToString(), word[at].ToString(), word.AsSpan(at + 2)),
            1 => word.Remove(at, 1),
            2 => string.Concat(word.AsSpan(0, at), word[at] == 'e' ? "a" : "e", word.AsSpan(at + 1)),
            _ => word.Insert(at, "r"),
        };
        return string.Join(' ', road.Split(' ').Select(w => w == word ? typo : w)) + text[road.Length..];
    }
}
