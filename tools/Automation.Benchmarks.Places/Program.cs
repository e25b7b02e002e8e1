using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Automation.Benchmarks.Places;
using Automation.Benchmarks.Places.Data;
using Automation.Benchmarks.Places.Harness;
using Automation.Benchmarks.Places.Ours;
using Automation.Benchmarks.Places.Peer;
using Automation.Places.Model;
using Automation.Places.Spatial;

// places-bench generate [--data DIR] [--addresses N] [--roads N] [--seed S]
// places-bench run      [--data DIR] [--port P] [--point-queries N] [--text-queries N] [--no-postgis]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var source = SourceData.Locate();
var root = Path.GetFullPath(Path.Combine(source.Folder, "..", "..", "..", "main"));
root = File.Exists(Path.Combine(root, "Automation.sln")) ? root : FindRoot();
if (options.Command == "generate")
{
    new Generator(options.Addresses, options.Roads, options.PickUpPoints, options.Seed).Write(source, options.DataFolder);
    return 0;
}

if (!Dataset.Exists(options.DataFolder))
{
    Console.Error.WriteLine($"No generated data in {options.DataFolder}; run 'places-bench generate --data {options.DataFolder}' first (tools/bench-places.sh does).");
    return 2;
}

if (options.Command == "profile-import")
{
    return await ImportProfile.RunAsync(options.DataFolder);
}

const int Clients = 2;
const double MaxDistance = 500;
const int K = 5;
Console.WriteLine($"places-bench: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
    + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average at start {Memory.LoadAverage()}");
Console.WriteLine($"data: {options.DataFolder} ({new FileInfo(Path.Combine(options.DataFolder, Generator.AddressesFile)).Length / 1e6:F0} MB CSV)");

var clock = Stopwatch.StartNew();
var kommuner = source.Kommuner();
var areas = (List<Area>)[.. kommuner, .. source.PostCodes()];
Console.WriteLine($"areas: {kommuner.Count} kommuner + {areas.Count - kommuner.Count} postal districts from DAGI GeoJSON (WGS84 -> 25832) in {clock.Elapsed.TotalSeconds:F1} s");

// ---------------------------------------------------------------- this registry, in-process
// The HTTP side serves the very places.db the durable import writes: it goes into the server's data folder.
var serverData = options.ServerDll is not null && !options.InMemory ? Path.Combine(Path.GetTempPath(), $"places-bench-server-{Environment.ProcessId}") : null;
if (serverData is not null)
{
    Directory.CreateDirectory(serverData);
}

var ours = await RegistrySide.LoadAsync(options.DataFolder, areas, durable: !options.InMemory, serverData is null ? null : Path.Combine(serverData, "places.db"));
var addresses = ours.Snapshot.Addresses;
Console.WriteLine();
Console.WriteLine($"REGISTRY (in-process): {addresses.Count:N0} addresses, {ours.Spatial.Addresses.Count:N0} adgangsadresser (reverse-lookup points), "
    + $"{ours.Snapshot.MeetingPoints.Count:N0} meeting points, {ours.Snapshot.Areas.Count} areas");
foreach (var (step, time, cpu) in ours.Steps)
{
    Console.WriteLine($"  {step}: {time.TotalSeconds:F1} s (CPU {cpu.TotalSeconds:F1} s)");
}

Console.WriteLine($"  (load average after the import and index build: {Memory.LoadAverage()})");
Console.WriteLine($"  import + index build total {ours.Total.TotalSeconds:F1} s, CPU {ours.TotalCpu.TotalSeconds:F1} s{(options.InMemory ? " (IN MEMORY ONLY, not durable)" : $" (durable; SQLite file {ours.StoreBytes / 1e9:F2} GB)")}; "
    + $"peak memory (VmHWM of the process) {ours.PeakBytes / 1e9:F2} GB");

clock.Restart();
var areaCpu = RegistrySide.Cpu();
AreaLookup.Build(areas);
Console.WriteLine($"  (area lookup alone, built again for this line: {clock.Elapsed.TotalSeconds:F1} s, CPU {(RegistrySide.Cpu() - areaCpu).TotalSeconds:F1} s)");

var queries = QuerySets.Draw(addresses, options.PointQueries, options.TextQueries, options.Seed + 1);
var reverse = ours.Spatial.Addresses;
var nearest = ours.Spatial.MeetingPoints;
var found = 0;
Latency.Measure(Math.Min(20_000, queries.ReversePoints.Length), Clients, i => reverse.Nearest(queries.ReversePoints[i], MaxDistance));
var ourReverse1 = Latency.Measure(queries.ReversePoints.Length, 1, i => { if (reverse.Nearest(queries.ReversePoints[i], MaxDistance) is not null) { Interlocked.Increment(ref found); } });
var ourReverse = Latency.Measure(queries.ReversePoints.Length, Clients, i => reverse.Nearest(queries.ReversePoints[i], MaxDistance));
Console.WriteLine($"  reverse lookup (max {MaxDistance} m, {found:N0} found): 1 thread {ourReverse1}; {Clients} threads {ourReverse}; load average {Memory.LoadAverage()}");

Latency.Measure(Math.Min(20_000, queries.NearestPoints.Length), Clients, i => nearest.Nearest(queries.NearestPoints[i], K));
var ourNearest1 = Latency.Measure(queries.NearestPoints.Length, 1, i => nearest.Nearest(queries.NearestPoints[i], K));
var ourNearest = Latency.Measure(queries.NearestPoints.Length, Clients, i => nearest.Nearest(queries.NearestPoints[i], K));
Console.WriteLine($"  {K} nearest meeting points: 1 thread {ourNearest1}; {Clients} threads {ourNearest}; load average {Memory.LoadAverage()}");

var points = addresses.Select(a => a.Entrance).ToArray();
ours.Spatial.Areas.TagAll(points[..Math.Min(points.Length, 200_000)], AreaKind.Kommune, Clients);
clock.Restart();
var tagCpu = RegistrySide.Cpu();
var tags = ours.Spatial.Areas.TagAll(points, AreaKind.Kommune, Clients);
var ourTagTime = clock.Elapsed;
tagCpu = RegistrySide.Cpu() - tagCpu;
var tagged = tags.Count(t => t is not null);
var ownKommune = addresses.Zip(tags).Count(p => p.First.KommuneCode == p.Second?.Code);
Console.WriteLine($"  tag all {points.Length:N0} addresses with their kommune ({Clients} threads): {ourTagTime.TotalSeconds:F2} s "
    + $"({points.Length / ourTagTime.TotalSeconds:N0} points/s, CPU {tagCpu.TotalSeconds:F2} s); {tagged:N0} inside a kommune, {ownKommune:N0} in the road's own kommune; load average {Memory.LoadAverage()}");

Latency? ourText = null;
double[]? ourHitRates = null;
if (ours.Text is { } text)
{
    var hits = new IReadOnlyList<Guid>[queries.TextQueries.Length];
    Latency.Measure(Math.Min(500, queries.TextQueries.Length), Clients, i => text.Search(queries.TextQueries[i].Text, 10));
    ourText = Latency.Measure(queries.TextQueries.Length, Clients, i => hits[i] = text.Search(queries.TextQueries[i].Text, 10));
    ourHitRates = HitRates(queries.TextQueries, hits);
    Console.WriteLine($"  autocomplete (10 % typo): {ourText}; {Describe(ourHitRates)}; load average {Memory.LoadAverage()}");
}
else
{
    Console.WriteLine("  autocomplete: NOT MEASURED (no text index yet)");
}

// ---------------------------------------------------------------- this registry through its HTTP API (the real server)
Latency? httpReverse = null, httpNearest = null, httpText = null;
if (serverData is not null)
{
    Console.WriteLine();
    Console.WriteLine($"REGISTRY THROUGH ITS HTTP API (the real server program {Path.GetFileName(options.ServerDll)} as a child process on 127.0.0.1, its data folder holding "
        + $"the places.db written above; a Planner user signed in with a cookie session; {Clients} clients, one keep-alive connection each; every figure includes "
        + $"the loopback round trip, authentication, request logging and JSON both ways; load average now {Memory.LoadAverage()})");
    try
    {
        await using var server = await ServerSide.StartAsync(options.ServerDll!, serverData, Clients);
        Console.WriteLine($"  server start to first answer (reads the snapshot from places.db, builds its indexes): {server.StartTime.TotalSeconds:F1} s, "
            + $"server CPU {server.Cpu.TotalSeconds:F1} s, server peak memory {server.PeakBytes / 1e9:F2} GB");
        var n = Math.Min(options.HttpPointQueries, queries.ReversePoints.Length);
        string PerQuery(TimeSpan before, int count) => $"server CPU {(server.Cpu - before).TotalMilliseconds * 1000 / count:F0} µs/query";

        // Warm-up: every endpoint in turn for at least 20 s, so the server's tiered JIT has settled before anything is timed.
        var warmUp = Stopwatch.StartNew();
        var warmUpRequests = 0;
        for (var round = 0; warmUp.Elapsed < TimeSpan.FromSeconds(20) || round < 4; round++)
        {
            var m = Math.Min(500, n);
            await Latency.MeasureAsync(m, server.Clients, (client, _) => ServerSide.LiveAsync(client));
            await Latency.MeasureAsync(m, server.Clients, (client, _) => ServerSide.StatusAsync(client));
            await Latency.MeasureAsync(m, server.Clients, (client, i) => ServerSide.ReverseAsync(client, queries.ReversePoints[(i + (round * m)) % n], MaxDistance));
            await Latency.MeasureAsync(m, server.Clients, (client, i) => ServerSide.NearestAsync(client, queries.NearestPoints[(i + (round * m)) % n], K));
            await Latency.MeasureAsync(Math.Min(100, queries.TextQueries.Length), server.Clients, (client, i) => ServerSide.SearchAsync(client, queries.TextQueries[i].Text, 10));
            warmUpRequests += (4 * m) + Math.Min(100, queries.TextQueries.Length);
        }

        Console.WriteLine($"  warm-up: {warmUpRequests:N0} requests over all endpoints in {warmUp.Elapsed.TotalSeconds:F0} s");
        var before = server.Cpu;
        var live = await Latency.MeasureAsync(n / 2, server.Clients, (client, _) => ServerSide.LiveAsync(client));
        Console.WriteLine($"  baseline, anonymous (GET /health/live: no session check, no lookup): {live}; {PerQuery(before, n / 2)}; load average {Memory.LoadAverage()}");
        await Latency.MeasureAsync(Math.Min(2_000, n), server.Clients, (client, i) => ServerSide.StatusAsync(client));
        before = server.Cpu;
        var pipeline = await Latency.MeasureAsync(n / 2, server.Clients, (client, _) => ServerSide.StatusAsync(client));
        Console.WriteLine($"  baseline, signed in (GET /api/places/status: session check, no lookup): {pipeline}; {PerQuery(before, n / 2)}; load average {Memory.LoadAverage()}");

        await Latency.MeasureAsync(Math.Min(2_000, n), server.Clients, (client, i) => ServerSide.ReverseAsync(client, queries.ReversePoints[i], MaxDistance));
        var httpFound = 0;
        before = server.Cpu;
        httpReverse = await Latency.MeasureAsync(n, server.Clients, async (client, i) =>
        {
            if (await ServerSide.ReverseAsync(client, queries.ReversePoints[i], MaxDistance))
            {
                Interlocked.Increment(ref httpFound);
            }
        });
        Console.WriteLine($"  reverse lookup (GET /api/places/reverse, max {MaxDistance} m, {httpFound:N0} found): {httpReverse}; {PerQuery(before, n)}; load average {Memory.LoadAverage()}");

        await Latency.MeasureAsync(Math.Min(2_000, n), server.Clients, (client, i) => ServerSide.NearestAsync(client, queries.NearestPoints[i], K));
        before = server.Cpu;
        httpNearest = await Latency.MeasureAsync(n, server.Clients, (client, i) => ServerSide.NearestAsync(client, queries.NearestPoints[i], K));
        Console.WriteLine($"  {K} nearest meeting points (GET /api/places/nearest): {httpNearest}; {PerQuery(before, n)}; load average {Memory.LoadAverage()}");

        var httpHits = new IReadOnlyList<Guid>[queries.TextQueries.Length];
        await Latency.MeasureAsync(Math.Min(500, queries.TextQueries.Length), server.Clients, (client, i) => ServerSide.SearchAsync(client, queries.TextQueries[i].Text, 10));
        before = server.Cpu;
        httpText = await Latency.MeasureAsync(queries.TextQueries.Length, server.Clients, async (client, i) => httpHits[i] = await ServerSide.SearchAsync(client, queries.TextQueries[i].Text, 10));
        Console.WriteLine($"  autocomplete (GET /api/places/search, 10 % typo): {httpText}; {PerQuery(before, queries.TextQueries.Length)}; {Describe(HitRates(queries.TextQueries, httpHits))}; "
            + $"load average {Memory.LoadAverage()}");
    }
    finally
    {
        Directory.Delete(serverData, recursive: true);
    }
}

if (options.NoPostGis)
{
    return 0;
}

// ---------------------------------------------------------------- PostGIS
Console.WriteLine();
Console.WriteLine($"POSTGIS (PostgreSQL 15 + PostGIS 3, private cluster on 127.0.0.1:{options.Port}; every figure includes a loopback TCP round trip; load average now {Memory.LoadAverage()})");
await using (var peer = await PostGisSide.StartAsync(root, options.Port))
{
    var (copy, indexes, tableBytes) = await peer.LoadAsync(options.DataFolder, kommuner, ours.Snapshot.MeetingPoints);
    Console.WriteLine($"  COPY load {copy.TotalSeconds:F1} s + indexes (GiST, pg_trgm GIN, prefix btree) {indexes.TotalSeconds:F1} s = {(copy + indexes).TotalSeconds:F1} s; table + indexes {tableBytes / 1e9:F2} GB");

    await peer.ReverseAsync(queries.ReversePoints[..Math.Min(2_000, queries.ReversePoints.Length)], Clients, MaxDistance);
    var pgReverse = await peer.ReverseAsync(queries.ReversePoints, Clients, MaxDistance);
    Console.WriteLine($"  reverse lookup: {pgReverse}");
    await peer.NearestAsync(queries.NearestPoints[..Math.Min(2_000, queries.NearestPoints.Length)], Clients, K);
    var pgNearest = await peer.NearestAsync(queries.NearestPoints, Clients, K);
    Console.WriteLine($"  {K} nearest meeting points: {pgNearest}");
    var (pgTagTime, pgTagged) = await peer.TagAllAsync();
    Console.WriteLine($"  tag all addresses with their kommune (one JOIN ... ST_Intersects, parallel workers allowed): {pgTagTime.TotalSeconds:F2} s; {pgTagged:N0} tagged");
    var (pgText, pgHits) = await peer.AutocompleteAsync(queries.TextQueries, Clients, 10);
    var pgHitRates = HitRates(queries.TextQueries, pgHits);
    Console.WriteLine($"  autocomplete (10 % typo; prefix btree, else pg_trgm similarity): {pgText}; {Describe(pgHitRates)}");

    Console.WriteLine();
    Console.WriteLine($"RATIOS (registry in-process vs PostGIS over loopback; both {Clients} clients; load average now {Memory.LoadAverage()})");
    Console.WriteLine($"  reverse lookup q/s: {ourReverse.QueriesPerSecond / pgReverse.QueriesPerSecond:F1}x; p99 {ourReverse1.P99Ms:F4} ms (1 thread) vs {pgReverse.P99Ms:F3} ms");
    Console.WriteLine($"  {K} nearest meeting points q/s: {ourNearest.QueriesPerSecond / pgNearest.QueriesPerSecond:F1}x; p99 {ourNearest1.P99Ms:F4} ms vs {pgNearest.P99Ms:F3} ms");
    Console.WriteLine($"  tag all addresses: {pgTagTime.TotalSeconds / ourTagTime.TotalSeconds:F1}x faster ({ourTagTime.TotalSeconds:F2} s vs {pgTagTime.TotalSeconds:F2} s)");
    Console.WriteLine($"  import + index build: registry {ours.Total.TotalSeconds:F1} s{(options.InMemory ? " (in memory only)" : " (durable SQLite + in-memory indexes)")} vs PostGIS {(copy + indexes).TotalSeconds:F1} s: {(copy + indexes) / ours.Total:F1}x");
    Console.WriteLine(ourText is null
        ? "  autocomplete: no ratio (registry text index not present)"
        : $"  autocomplete q/s: {ourText.QueriesPerSecond / pgText.QueriesPerSecond:F1}x; p99 {ourText.P99Ms:F3} ms vs {pgText.P99Ms:F3} ms");
    if (httpReverse is not null && httpNearest is not null && httpText is not null)
    {
        Console.WriteLine($"RATIOS (registry through its HTTP API vs PostGIS; both over loopback, both {Clients} clients)");
        Console.WriteLine($"  reverse lookup q/s: {httpReverse.QueriesPerSecond / pgReverse.QueriesPerSecond:F1}x; p99 {httpReverse.P99Ms:F3} ms vs {pgReverse.P99Ms:F3} ms");
        Console.WriteLine($"  {K} nearest meeting points q/s: {httpNearest.QueriesPerSecond / pgNearest.QueriesPerSecond:F1}x; p99 {httpNearest.P99Ms:F3} ms vs {pgNearest.P99Ms:F3} ms");
        Console.WriteLine($"  autocomplete q/s: {httpText.QueriesPerSecond / pgText.QueriesPerSecond:F1}x; p99 {httpText.P99Ms:F3} ms vs {pgText.P99Ms:F3} ms");
    }
}

return 0;

static double[] HitRates(TextQuery[] queries, IReadOnlyList<Guid>[] hits)
{
    double Rate(bool typo, int top)
    {
        var set = queries.Select((q, i) => (q, i)).Where(p => p.q.Typo == typo).ToList();
        return set.Count == 0 ? 0 : set.Count(p => hits[p.i].Take(top).Contains(p.q.Expected)) / (double)set.Count;
    }

    return [Rate(false, 1), Rate(false, 10), Rate(true, 1), Rate(true, 5), Rate(true, 10)];
}

static string Describe(double[] r) => string.Create(CultureInfo.InvariantCulture,
    $"intended address first for {r[0]:P1} of clean queries (top 10: {r[1]:P1}); typo queries: first {r[2]:P1}, top 5 {r[3]:P1}, top 10 {r[4]:P1}");

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("The repository root (the folder with Automation.sln) was not found above the benchmark's binaries.");
}
