using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Automation.Benchmarks.Connectors;
using Automation.Connectors.Reconciliation;

// connectors-bench [--quick] [--records N] [--port P] [--work-mem 256MB]
var records = 1_000_000;
var port = 55_490;
var workMem = "256MB";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            records = 50_000;
            break;
        case "--records" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n >= 1_000:
            records = n;
            i++;
            break;
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p):
            port = p;
            i++;
            break;
        case "--work-mem" when i + 1 < args.Length:
            workMem = args[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: connectors-bench [--quick] [--records N (>= 1000)] [--port P] [--work-mem 256MB]");
            return 2;
    }
}

var root = FindRoot();
var folder = Directory.CreateTempSubdirectory("connectors-bench-").FullName;
try
{
    Console.WriteLine($"connectors-bench: {records:N0} vs about {records:N0} records; {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {LoadAverage()}");
    var data = new BenchData(records);
    var fileA = Path.Combine(folder, "a.csv");
    var fileB = Path.Combine(folder, "b.csv");
    BenchData.WriteCsv(fileA, data.A, BenchData.HeaderA);
    BenchData.WriteCsv(fileB, data.B, BenchData.HeaderB);
    Console.WriteLine($"planted: {data.OnlyInA:N0} only in A, {data.OnlyInB:N0} only in B, {data.Differing:N0} differing, {data.Matched:N0} matched; files {new FileInfo(fileA).Length / 1e6:F0} MB + {new FileInfo(fileB).Length / 1e6:F0} MB");

    // --- Reconciliation: our core on the JSON records the activity gets, best of two runs after a warm-up.
    var jsonA = BenchData.ToJson(data.A, BenchData.HeaderA);
    var jsonB = BenchData.ToJson(data.B, BenchData.HeaderB);
    var spec = new ReconciliationSpec
    {
        KeyA = ["id"],
        KeyB = ["nr"],
        Fields =
        [
            new FieldMapping("name", "navn", Normalization.Trim | Normalization.Whitespace | Normalization.Case | Normalization.Danish),
            new FieldMapping("address", "adresse", Normalization.Address | Normalization.Danish),
            new FieldMapping("phone", "telefon", Normalization.Phone),
            new FieldMapping("born", "foedt", Normalization.Date),
        ],
    };
    // Warm-up on a slice, so that both measured runs use fully optimised code (tiered JIT), as a server would after a while.
    WarmUp(data, spec);

    GC.Collect();
    var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    TimeSpan ours = TimeSpan.MaxValue;
    long allocated = 0;
    long retained = 0;
    ReconciliationResult? result = null;
    for (var round = 0; round < 2; round++)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        result = Reconciler.Run(new JsonRecordSet(jsonA, "A"), new JsonRecordSet(jsonB, "B"), spec, CancellationToken.None);
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        ours = clock.Elapsed < ours ? clock.Elapsed : ours;
        GC.KeepAlive(result);
    }

    Check("ours", result!.OnlyInA.Count, result.OnlyInB.Count, result.Differing.Count, data);
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine();
    Console.WriteLine("Reconciliation (hash join + field comparison with normalisers)");
    Console.WriteLine($"  ours:       {ours.TotalMilliseconds,8:F0} ms   allocated {allocated / 1e6:F0} MB during the run (its peak extra memory), result kept {retained / 1e6:F0} MB;");
    Console.WriteLine($"              the JSON records themselves take {heapBefore / 1e6:F0} MB of heap; process peak working set {self.PeakWorkingSet64 / 1e6:F0} MB");

    // --- The peer: COPY into PostgreSQL, then one FULL OUTER JOIN.
    await using (var postgres = await PostgresJoin.StartAsync(root, port, CancellationToken.None))
    {
        var load = await postgres.LoadAsync(fileA, fileB, CancellationToken.None);
        var best = TimeSpan.MaxValue;
        long peak = 0;
        for (var round = 0; round < 2; round++)
        {
            var join = await postgres.JoinAsync(workMem, CancellationToken.None);
            Check("PostgreSQL", join.OnlyInA, join.OnlyInB, join.Differing, data);
            best = join.Time < best ? join.Time : best;
            peak = Math.Max(peak, join.PeakBytes);
        }

        Console.WriteLine($"  PostgreSQL: {best.TotalMilliseconds,8:F0} ms   backend peak resident {(peak < 0 ? "unknown" : $"{peak / 1e6:F0} MB")} (work_mem {workMem}, no parallel workers); COPY of both files took {load.TotalMilliseconds:F0} ms, not counted");
        Console.WriteLine($"  ratio ours/PostgreSQL time: {ours / best:F2}");
        if (peak > 0)
        {
            Console.WriteLine($"  ratio ours/PostgreSQL memory (allocated during the run / backend peak resident): {(double)allocated / peak:F2}");
        }
    }

    // --- CSV ingest: our CsvRead core against CsvHelper alone, best of three after a warm-up.
    jsonA = null;
    jsonB = null;
    GC.Collect();
    var warmFile = Path.Combine(folder, "warm.csv");
    BenchData.WriteCsv(warmFile, data.A[..Math.Min(20_000, data.A.Length)], BenchData.HeaderA);
    for (var round = 0; round < 40; round++)
    {
        CsvIngest.CsvHelperRaw(warmFile);
        CsvIngest.Ours(warmFile);
    }

    var (oursCsv, peerCsv) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
    for (var round = 0; round < 3; round++)
    {
        var peer = CsvIngest.CsvHelperRaw(fileA);
        GC.Collect();
        var mine = CsvIngest.Ours(fileA);
        GC.Collect();
        if (peer.Rows != records || mine.Rows != records)
        {
            throw new InvalidOperationException($"Read {mine.Rows} (ours) and {peer.Rows} (CsvHelper) rows of {records}.");
        }

        peerCsv = peer.Time < peerCsv ? peer.Time : peerCsv;
        oursCsv = mine.Time < oursCsv ? mine.Time : oursCsv;
    }

    Console.WriteLine();
    Console.WriteLine($"CSV ingest of {records:N0} rows x 5 fields ({new FileInfo(fileA).Length / 1e6:F0} MB, UTF-8, ';')");
    Console.WriteLine($"  ours (CsvRead core: header mapping, row checks, JSON rows): {oursCsv.TotalMilliseconds,6:F0} ms = {records / oursCsv.TotalSeconds,10:N0} rows/s");
    Console.WriteLine($"  CsvHelper 34 raw (every field as string, rows kept):       {peerCsv.TotalMilliseconds,6:F0} ms = {records / peerCsv.TotalSeconds,10:N0} rows/s");
    Console.WriteLine($"  ratio ours/CsvHelper time: {oursCsv / peerCsv:F2} (target <= 1.5)");
    Console.WriteLine($"load average at end {LoadAverage()}");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static void WarmUp(BenchData data, ReconciliationSpec spec)
{
    var warmA = BenchData.ToJson(data.A[..Math.Min(20_000, data.A.Length)], BenchData.HeaderA);
    var warmB = BenchData.ToJson(data.B[..Math.Min(20_000, data.B.Length)], BenchData.HeaderB);
    for (var round = 0; round < 40; round++)
    {
        Reconciler.Run(new JsonRecordSet(warmA, "A"), new JsonRecordSet(warmB, "B"), spec, CancellationToken.None);
    }
}

static void Check(string who, int onlyInA, int onlyInB, int differing, BenchData data)
{
    if (onlyInA != data.OnlyInA || onlyInB != data.OnlyInB || differing != data.Differing)
    {
        throw new InvalidOperationException($"{who} found {onlyInA} only in A, {onlyInB} only in B, {differing} differing; planted {data.OnlyInA}, {data.OnlyInB}, {data.Differing}.");
    }
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
        {
            return dir.FullName;
        }
    }

    var current = Directory.GetCurrentDirectory();
    return File.Exists(Path.Combine(current, "Automation.sln"))
        ? current
        : throw new InvalidOperationException("Run connectors-bench from the repository (tools/bench-connectors.sh does); it needs tools/postgres.");
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
