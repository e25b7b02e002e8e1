using System.Diagnostics;
using Automation.Benchmarks.Places.Data;
using Automation.Benchmarks.Places.Harness;
using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Spatial;
using Automation.Places.Store;

namespace Automation.Benchmarks.Places.Ours;

/// <summary>
/// This registry, in-process. Durable import: the generated CSV imported by the product's PlacesImporter into the
/// SQLite store (engine/Automation.Places/Store: one transaction per kind, committed), the current snapshot taken
/// (PlacesStore.LoadSnapshotAsync, as the server does after an import), and the in-memory indexes built from it (spatial: Spatial/SpatialIndex; text: <see cref="TextSearchPlug"/>), in parallel as
/// PlacesRegistry does. With --in-memory the store is skipped and the CSV is read straight into the model.
/// </summary>
internal sealed class RegistrySide
{
    private static readonly string[] DatabaseSuffixes = ["", "-wal", "-shm", "-journal"];

    private RegistrySide(PlacesSnapshot snapshot, SpatialIndex spatial, IAddressTextSearch? text, IReadOnlyList<(string Step, TimeSpan Time, TimeSpan Cpu)> steps, long peakBytes, long storeBytes)
    {
        Snapshot = snapshot;
        Spatial = spatial;
        Text = text;
        Steps = steps;
        PeakBytes = peakBytes;
        StoreBytes = storeBytes;
    }

    public PlacesSnapshot Snapshot { get; }

    public SpatialIndex Spatial { get; }

    public IAddressTextSearch? Text { get; }

    public IReadOnlyList<(string Step, TimeSpan Time, TimeSpan Cpu)> Steps { get; }

    public TimeSpan Total => Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Time);

    public TimeSpan TotalCpu => Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Cpu);

    /// <summary>Peak resident memory of this process right after import and build (VmHWM).</summary>
    public long PeakBytes { get; }

    /// <summary>Size of the SQLite file (0 without the store).</summary>
    public long StoreBytes { get; }

    /// <summary>Loads the data; with <paramref name="keepDatabase"/> the SQLite file is written there and kept (the HTTP side serves it).</summary>
    public static async Task<RegistrySide> LoadAsync(string folder, IReadOnlyList<Area> areas, bool durable, string? keepDatabase = null)
    {
        var steps = new List<(string, TimeSpan, TimeSpan)>();
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        PlacesSnapshot snapshot;
        long storeBytes = 0;
        if (durable)
        {
            var database = keepDatabase ?? Path.Combine(Path.GetTempPath(), $"places-bench-{Environment.ProcessId}.db");
            DeleteDatabase(database);
            try
            {
                using var store = PlacesStore.Open(database);

                // The product's importer, as 'automation places import' and the server's import API run it: CSV parsing,
                // validation and duplicate checks on one thread beside the SQLite writes, one transaction, committed.
                var imported = await new PlacesImporter(store).ImportFileAsync(Path.Combine(folder, Generator.AddressesFile));
                if (!imported.Written || imported.Added == 0)
                {
                    throw new InvalidDataException($"The importer refused {Generator.AddressesFile}: {imported.Rejected} rejected; first problem: {(imported.Problems.Count > 0 ? imported.Problems[0] : null)}");
                }

                using (var batch = await store.BeginAreasAsync("DAGI"))
                {
                    foreach (var area in areas)
                    {
                        batch.Write(area);
                    }

                    batch.Commit();
                }

                using (var batch = await store.BeginMeetingPointsAsync(Generator.MeetingPointsFile))
                {
                    foreach (var point in Dataset.ReadMeetingPoints(folder))
                    {
                        batch.Write(point);
                    }

                    batch.Commit();
                }

                steps.Add(($"durable import into SQLite (PlacesImporter: CSV parse + validation + duplicate check + write + commit; areas and meeting points written in their own batches; peak memory so far {Memory.PeakBytes() / 1e9:F2} GB, resident now {Memory.CurrentBytes() / 1e9:F2} GB)", clock.Elapsed, Cpu() - cpu));
                cpu = Cpu();
                clock.Restart();
                snapshot = await store.LoadSnapshotAsync();
                steps.Add(($"snapshot for the indexes (PlacesStore.LoadSnapshotAsync: the addresses just committed into the empty table, areas and meeting points read back; resident after it {Memory.CurrentBytes() / 1e9:F2} GB)", clock.Elapsed, Cpu() - cpu));
                storeBytes = DatabaseSuffixes.Select(suffix => new FileInfo(database + suffix)).Where(f => f.Exists).Sum(f => f.Length);
            }
            finally
            {
                if (keepDatabase is null)
                {
                    DeleteDatabase(database);
                }
            }
        }
        else
        {
            snapshot = new PlacesSnapshot([.. Dataset.ReadAddresses(folder)], areas, Dataset.ReadMeetingPoints(folder));
            steps.Add(("read CSV into memory (no store)", clock.Elapsed, Cpu() - cpu));
        }

        clock.Restart();
        cpu = Cpu();
        SpatialIndex? spatial = null;
        IAddressTextSearch? text = null;
        TimeSpan spatialTime = default, textTime = default;
        Parallel.Invoke(
            () =>
            {
                var own = Stopwatch.StartNew();
                spatial = SpatialIndex.Build(snapshot);
                spatialTime = own.Elapsed;
            },
            () =>
            {
                var own = Stopwatch.StartNew();
                text = TextSearchPlug.Build(snapshot.Addresses);
                textTime = own.Elapsed;
            });
        steps.Add(($"indexes in parallel (spatial alone {spatialTime.TotalSeconds:F1} s, text alone {textTime.TotalSeconds:F1} s)", clock.Elapsed, Cpu() - cpu));
        return new RegistrySide(snapshot, spatial!, text, steps, Memory.PeakBytes(), storeBytes);
    }

    /// <summary>CPU time of this process so far: on a shared, loaded machine it shows the work apart from the waiting.</summary>
    public static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static void DeleteDatabase(string database)
    {
        foreach (var suffix in DatabaseSuffixes)
        {
            File.Delete(database + suffix);
        }
    }
}
