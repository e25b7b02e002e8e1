using System.Diagnostics;
using System.Text;
using Automation.Benchmarks.Places.Data;
using Automation.Benchmarks.Places.Harness;
using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Search;
using Automation.Places.Spatial;
using Automation.Places.Store;

namespace Automation.Benchmarks.Places.Ours;

/// <summary>
/// 'places-bench profile-import': where the durable import's time goes, phase by phase, each phase run on its own and
/// measured in process CPU time (user + kernel), which a busy shared machine distorts far less than wall time.
/// Phases: CSV parse + validation (the product's reader), content hash + duplicate key, SQLite inserts of records
/// already in memory, commit (id index + fsync + WAL checkpoint), then the real importer end to end (its reading runs
/// beside the writing), the snapshot read back, and the in-memory indexes.
/// </summary>
internal static class ImportProfile
{
    public static async Task<int> RunAsync(string folder)
    {
        var csv = Path.Combine(folder, Generator.AddressesFile);
        Console.WriteLine($"profile-import: {csv} ({new FileInfo(csv).Length / 1e6:F0} MB), {Environment.ProcessorCount} cores, load average {Memory.LoadAverage()}");
        var database = Path.Combine(Path.GetTempPath(), $"places-profile-{Environment.ProcessId}.db");

        List<AddressRecord> records = [];
        Measure("parse + validate (product reader, 1 thread)", () =>
        {
            using var text = new StreamReader(csv, Encoding.UTF8, true, 1 << 16);
            foreach (var row in new AddressCsvReader(csv).Read(text, _ => { }))
            {
                if (row.Record is { } record)
                {
                    records.Add(record);
                }
            }
        });
        Console.WriteLine($"    {records.Count:N0} records");

        long sink = 0;
        Measure("content hash + duplicate key", () =>
        {
            foreach (var record in records)
            {
                sink ^= AddressTable.Instance.Hash(record) ^ AddressTable.Instance.DuplicateKey(record);
            }
        });

        Delete(database);
        using (var store = PlacesStore.Open(database))
        {
            var batch = await store.BeginBatchAsync(AddressTable.Instance, "profile", CancellationToken.None, records.Count);
            using (batch)
            {
                Measure("SQLite inserts (records in memory, hash included)", () =>
                {
                    foreach (var record in records)
                    {
                        batch.Write(record);
                    }
                });
                Measure("commit (id index, fsync, WAL checkpoint)", batch.Commit);
            }
        }

        Delete(database);
        records = [];
        GC.Collect();
        using (var store = PlacesStore.Open(database))
        {
            ImportResult? result = null;
            await MeasureAsync("importer end to end (PlacesImporter: read + validate + duplicates + write + commit)", async () =>
                result = await new PlacesImporter(store).ImportFileAsync(csv));
            Console.WriteLine($"    added {result!.Added:N0}, rejected {result.Rejected:N0}, duplicates {result.Duplicates:N0}");

            PlacesSnapshot? snapshot = null;
            await MeasureAsync("snapshot right after the import (the records just committed into the empty table)", async () => snapshot = await store.LoadSnapshotAsync());
            await MeasureAsync("snapshot read from the file (as at a server start)", async () => snapshot = await store.LoadSnapshotAsync());
            Measure("spatial index (reverse + areas + meeting points)", () => SpatialIndex.Build(snapshot!));
            Measure("text index", () => AddressSearchIndex.Build(snapshot!.Addresses));
        }

        Delete(database);
        Console.WriteLine($"load average at end {Memory.LoadAverage()}; peak memory {Memory.PeakBytes() / 1e9:F2} GB ({sink & 1})");
        return 0;
    }

    private static void Measure(string phase, Action action)
    {
        var cpu = RegistrySide.Cpu();
        var clock = Stopwatch.StartNew();
        action();
        Report(phase, clock.Elapsed, RegistrySide.Cpu() - cpu);
    }

    private static async Task MeasureAsync(string phase, Func<Task> action)
    {
        var cpu = RegistrySide.Cpu();
        var clock = Stopwatch.StartNew();
        await action();
        Report(phase, clock.Elapsed, RegistrySide.Cpu() - cpu);
    }

    private static void Report(string phase, TimeSpan wall, TimeSpan cpu) =>
        Console.WriteLine($"  {phase}: CPU {cpu.TotalSeconds:F2} s, wall {wall.TotalSeconds:F2} s (load average {Memory.LoadAverage()})");

    private static void Delete(string database)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(database + suffix);
        }
    }
}
