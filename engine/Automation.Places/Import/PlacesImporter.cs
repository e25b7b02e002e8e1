using System.Diagnostics;
using System.Text;
using Automation.Places.Model;
using Automation.Places.Store;

namespace Automation.Places.Import;

/// <summary>
/// Imports one file into a <see cref="PlacesStore"/> in one transaction: every row is validated, and if any is
/// rejected nothing of the file is written (all its problems are still listed). Records identical to their current
/// version are left alone, so importing the same file again writes nothing; a changed record gets a new version.
/// The same place registered twice (same address text under another id; a meeting point within 25 m of another
/// with a similar name) is reported and skipped.
/// </summary>
public sealed class PlacesImporter(PlacesStore store)
{
    /// <summary>Meeting points closer than this with a similar name are taken to be the same place.</summary>
    public const double DuplicateDistanceMetres = 25;

    private const int MaxListedProblems = 1000;

    /// <summary>What <paramref name="path"/> holds, from its extension and first bytes; null when it cannot be told.</summary>
    public static ImportKind? DetectKind(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = Encoding.UTF8.GetString(buffer, 0, read);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            var header = head.Split('\n', 2)[0].Trim().Split(',').Select(h => h.Trim('"', ' ', '\uFEFF')).ToList();
            return AddressCsvReader.Recognises(header) ? ImportKind.Addresses
                : header.Contains("lat") && header.Contains("lon") ? ImportKind.MeetingPoints
                : null;
        }

        if (path.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var compact = head.Replace(" ", "", StringComparison.Ordinal);
            return compact.Contains("\"type\":\"Point\"", StringComparison.Ordinal) ? ImportKind.MeetingPoints
                : compact.Contains("\"type\":\"Polygon\"", StringComparison.Ordinal) || compact.Contains("\"type\":\"MultiPolygon\"", StringComparison.Ordinal) ? ImportKind.Areas
                : null;
        }

        return null;
    }

    /// <summary>Imports <paramref name="path"/>.</summary>
    /// <exception cref="ImportException">The file cannot be read at all or its kind cannot be told; nothing was written.</exception>
    public async Task<ImportResult> ImportFileAsync(string path, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new ImportOptions();
        if (!File.Exists(path))
        {
            throw new ImportException($"{path}: file not found; check the path.");
        }

        var kind = options.Kind ?? DetectKind(path)
            ?? throw new ImportException($"{path}: cannot tell whether this is addresses, areas or meeting points; give --kind addresses|areas|meeting-points.");
        var stopwatch = Stopwatch.StartNew();
        var source = Path.GetFileName(path);
        var totalBytes = new FileInfo(path).Length;
        switch (kind)
        {
            case ImportKind.Addresses:
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                using var text = new StreamReader(stream, Encoding.UTF8);
                void Report(long rows) => progress?.Report(new ImportProgress(path, rows, stream.Position, totalBytes, stopwatch.Elapsed));
                var rows = new AddressCsvReader(path).Read(text, Report);
                // The estimate only sizes dictionaries (too small: they grow; too large: memory held for nothing).
                var expected = EstimateRows(path, totalBytes);
                var batch = await store.BeginBatchAsync(AddressTable.Instance, source, cancellationToken, expected);
                // Reading, validating, duplicate checks and content hashes run on a second thread while this one writes to SQLite.
                var checkedRows = new AddressDuplicates(path, batch, expected).Prepare(rows);
                return Run(path, kind, Pipeline.Run(checkedRows, cancellationToken), batch, stopwatch, cancellationToken);
            }

            case ImportKind.Areas:
            {
                using var features = GeoJsonFeatures.Parse(path, await File.ReadAllBytesAsync(path, cancellationToken));
                var (areas, problems) = new AreaGeoJsonReader(path, options.AreaKind).Read(features);
                progress?.Report(new ImportProgress(path, features.Features.Count, totalBytes, totalBytes, stopwatch.Elapsed));
                var rows = problems.Select(p => new ImportRow<Area>(p.Line, null, p)).Concat(areas.Select(a => new ImportRow<Area>(a.Line, a.Area, null)));
                var batch = await store.BeginBatchAsync(AreaTable.Instance, source, cancellationToken);
                return Run(path, kind, rows, batch, stopwatch, cancellationToken);
            }

            default:
            {
                var existing = await store.LoadMeetingPointsAsync(cancellationToken);
                var reader = new MeetingPointReader(path, options.MeetingPointKind);
                List<ImportRow<MeetingPoint>> rows;
                if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                {
                    using var text = new StreamReader(path, Encoding.UTF8);
                    rows = [.. reader.ReadCsv(text)];
                }
                else
                {
                    using var features = GeoJsonFeatures.Parse(path, await File.ReadAllBytesAsync(path, cancellationToken));
                    rows = [.. reader.ReadGeoJson(features)];
                }

                progress?.Report(new ImportProgress(path, rows.Count, totalBytes, totalBytes, stopwatch.Elapsed));
                var batch = await store.BeginBatchAsync(MeetingPointTable.Instance, source, cancellationToken);
                return Run(path, kind, WithDuplicates(rows, new MeetingPointDuplicates(path, existing)), batch, stopwatch, cancellationToken);
            }
        }
    }

    /// <summary>Rows in a CSV file: its size over the average line length of its first 64 KiB.</summary>
    private static int EstimateRows(string path, long totalBytes)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var lines = buffer.AsSpan(0, read).Count((byte)'\n');
        var bytesPerLine = lines > 1 ? read / (double)lines : 150;
        return (int)Math.Min((totalBytes / bytesPerLine * 1.02) + 16, 20_000_000);
    }

    private static ImportResult Run<T, TKey>(
        string path, ImportKind kind, IEnumerable<ImportRow<T>> rows, WriteBatch<T, TKey> batch, Stopwatch stopwatch, CancellationToken cancellationToken)
        where T : class
        where TKey : notnull
    {
        using (batch)
        {
            int added = 0, changed = 0, unchanged = 0, rejected = 0, duplicateCount = 0, n = 0;
            var problems = new List<ImportProblem>();
            void Problem(ImportProblem problem)
            {
                if (problems.Count < MaxListedProblems)
                {
                    problems.Add(problem);
                }
            }

            foreach (var row in rows)
            {
                if ((++n & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (row.Problem is { } problem)
                {
                    if (problem.Rejected)
                    {
                        rejected++;
                    }
                    else
                    {
                        duplicateCount++;
                    }

                    Problem(problem);
                    continue;
                }

                var record = row.Record!;

                if (rejected > 0)
                {
                    // The file will be rolled back anyway: keep validating to list every problem, but stop writing.
                    continue;
                }

                switch (row.Hashed ? batch.Write(record, row.Hash, row.DuplicateKey) : batch.Write(record))
                {
                    case RecordOutcome.Added:
                        added++;
                        break;
                    case RecordOutcome.Changed:
                        changed++;
                        break;
                    case RecordOutcome.Unchanged:
                        unchanged++;
                        break;
                    default:
                        rejected++;
                        Problem(new ImportProblem(path, row.Line, null, $"the same id ({batch.Table.KeyOf(record)}) appears more than once in the file; each record must be listed once"));
                        break;
                }
            }

            if (rejected > 0)
            {
                // Disposing the batch without commit rolls back: nothing of this file is written.
                return new ImportResult(path, kind, 0, 0, 0, rejected, duplicateCount, problems, stopwatch.Elapsed);
            }

            batch.Commit();
            return new ImportResult(path, kind, added, changed, unchanged, 0, duplicateCount, problems, stopwatch.Elapsed);
        }
    }

    /// <summary>Turns rows that repeat a place already seen into duplicate problems (not rejections).</summary>
    private static IEnumerable<ImportRow<T>> WithDuplicates<T>(IEnumerable<ImportRow<T>> rows, IDuplicateCheck<T> duplicates)
        where T : class
    {
        foreach (var row in rows)
        {
            yield return row.Record is { } record && duplicates.Check(record, row.Line) is { } duplicate
                ? new ImportRow<T>(row.Line, null, duplicate)
                : row;
        }
    }

    private interface IDuplicateCheck<in T>
    {
        /// <summary>A problem when <paramref name="record"/> is a place already seen under another id; it is then skipped.</summary>
        ImportProblem? Check(T record, int line);
    }

    /// <summary>Same address text (case and spacing folded) under another id.</summary>
    private sealed class AddressDuplicates
    {
        private readonly string _path;
        private readonly Dictionary<long, (Guid Id, int Line)> _seen;

        public AddressDuplicates(string path, WriteBatch<AddressRecord, Guid> batch, int expected)
        {
            _path = path;
            var existing = batch.ExistingDuplicateKeys.ToList();
            _seen = new Dictionary<long, (Guid, int)>(existing.Count + expected);
            foreach (var (key, duplicateKey) in existing)
            {
                _seen.TryAdd(duplicateKey, (key, 0));
            }
        }

        /// <summary>
        /// Turns rows that repeat an address already seen into duplicate problems (not rejections), and gives the
        /// others their content hash and duplicate key, so the writing thread need not compute them.
        /// </summary>
        public IEnumerable<ImportRow<AddressRecord>> Prepare(IEnumerable<ImportRow<AddressRecord>> rows)
        {
            foreach (var row in rows)
            {
                if (row.Record is not { } record)
                {
                    yield return row;
                    continue;
                }

                var key = AddressTable.Instance.DuplicateKey(record);
                yield return Check(record, row.Line, key) is { } duplicate
                    ? new ImportRow<AddressRecord>(row.Line, null, duplicate)
                    : row with { Hashed = true, Hash = AddressTable.Instance.Hash(record), DuplicateKey = key };
            }
        }

        private ImportProblem? Check(AddressRecord record, int line, long key)
        {
            ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, key, out var exists);
            if (!exists)
            {
                seen = (record.Id, line);
                return null;
            }

            if (seen.Id == record.Id)
            {
                return null;
            }

            var where = seen.Line == 0 ? "already in the store" : $"line {seen.Line}";
            return new ImportProblem(_path, line, "betegnelse", $"'{record.Text}' ({record.Id}) is the same address as {seen.Id} ({where}); skipped", Rejected: false);
        }
    }

    /// <summary>A meeting point within <see cref="DuplicateDistanceMetres"/> of another with a similar name.</summary>
    private sealed class MeetingPointDuplicates : IDuplicateCheck<MeetingPoint>
    {
        private readonly string _path;
        private readonly Dictionary<(long, long), List<(MeetingPoint Point, int Line)>> _cells = [];

        public MeetingPointDuplicates(string path, IEnumerable<MeetingPoint> existing)
        {
            _path = path;
            foreach (var point in existing)
            {
                Add(point, 0);
            }
        }

        public ImportProblem? Check(MeetingPoint record, int line)
        {
            var (cx, cy) = Cell(record.Location);
            for (var dx = -1; dx <= 1; dx++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    if (!_cells.TryGetValue((cx + dx, cy + dy), out var near))
                    {
                        continue;
                    }

                    foreach (var (other, otherLine) in near)
                    {
                        var distance = other.Location.DistanceTo(record.Location);
                        if (other.Id != record.Id && distance <= DuplicateDistanceMetres && SimilarNames.Similar(other.Name, record.Name))
                        {
                            var where = otherLine == 0 ? "already in the store" : $"line {otherLine}";
                            return new ImportProblem(
                                _path, line, "name",
                                $"'{record.Name}' is {distance.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)} m from '{other.Name}' ({where}) and looks like the same place; skipped",
                                Rejected: false);
                        }
                    }
                }
            }

            Add(record, line);
            return null;
        }

        private static (long, long) Cell(UtmPoint point) =>
            ((long)Math.Floor(point.X / DuplicateDistanceMetres), (long)Math.Floor(point.Y / DuplicateDistanceMetres));

        private void Add(MeetingPoint point, int line)
        {
            var cell = Cell(point.Location);
            if (!_cells.TryGetValue(cell, out var list))
            {
                list = [];
                _cells.Add(cell, list);
            }

            list.Add((point, line));
        }
    }
}
