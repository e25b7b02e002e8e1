using System.Diagnostics;
using System.Globalization;
using Automation.Benchmarks.Places.Data;
using Automation.Benchmarks.Places.Harness;
using Automation.Places.Model;
using NetTopologySuite.IO;
using Npgsql;

namespace Automation.Benchmarks.Places.Peer;

/// <summary>
/// The peer: PostgreSQL 15 + PostGIS 3 in a private cluster on 127.0.0.1 (tools/postgres/start-cluster.sh), the same
/// CSV loaded with COPY, GiST on the points and polygons, pg_trgm GIN and a text_pattern_ops btree for text. Every
/// query is one prepared statement over a loopback TCP connection, so its figures include that round trip.
/// </summary>
internal sealed class PostGisSide : IAsyncDisposable
{
    private const string Point = "ST_SetSRID(ST_MakePoint($1, $2), 25832)";

    private readonly string _root;
    private readonly string _folder;
    private readonly NpgsqlDataSource _source;

    private PostGisSide(string root, string folder, NpgsqlDataSource source)
    {
        _root = root;
        _folder = folder;
        _source = source;
    }

    public static async Task<PostGisSide> StartAsync(string root, int port)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"places-bench-pg-{Environment.ProcessId}");
        await RunScriptAsync(root, "start-cluster.sh", folder, port.ToString(CultureInfo.InvariantCulture));
        var source = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Command Timeout=1200;Max Auto Prepare=20");
        return new PostGisSide(root, folder, source);
    }

    /// <summary>Loads the addresses (COPY), kommuner and meeting points, then builds the indexes; returns the times.</summary>
    public async Task<(TimeSpan Copy, TimeSpan Indexes, long TableBytes)> LoadAsync(string dataFolder, IReadOnlyList<Area> kommuner, IReadOnlyList<MeetingPoint> meetingPoints)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await ExecuteAsync(connection, """
            CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm;
            DROP TABLE IF EXISTS adresse, kommune, moedested;
            CREATE TABLE adresse (
              adresse_id uuid, adgangsadresse_id uuid, status int, kommunekode text, vejkode text, vejnavn text,
              adresseringsvejnavn text, husnr text, etage text, doer text, supplerendebynavn text, postnr text, postnrnavn text,
              etrs89_oest float8, etrs89_nord float8, wgs84_lat float8, wgs84_lon float8, noejagtighed text, tekniskstandard text,
              betegnelse text, vejpunkt_oest float8, vejpunkt_nord float8,
              geom geometry(Point, 25832) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(etrs89_oest, etrs89_nord), 25832)) STORED,
              search text GENERATED ALWAYS AS (lower(regexp_replace(betegnelse, '[,.]', '', 'g'))) STORED);
            CREATE TABLE kommune (code text PRIMARY KEY, name text, geom geometry(MultiPolygon, 25832));
            CREATE TABLE moedested (id uuid PRIMARY KEY, name text, kind text, geom geometry(Point, 25832));
            """);
        var clock = Stopwatch.StartNew();
        await using (var import = await connection.BeginTextImportAsync(
            $"COPY adresse ({Generator.AddressHeader}) FROM STDIN (FORMAT csv, HEADER true)"))
        {
            using var reader = new StreamReader(Path.Combine(dataFolder, Generator.AddressesFile));
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                await import.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        var writer = new WKBWriter();
        await using (var batch = new NpgsqlBatch(connection))
        {
            foreach (var kommune in kommuner)
            {
                var command = new NpgsqlBatchCommand("INSERT INTO kommune VALUES ($1, $2, ST_Multi(ST_GeomFromWKB($3, 25832)))");
                command.Parameters.Add(new NpgsqlParameter { Value = kommune.Code });
                command.Parameters.Add(new NpgsqlParameter { Value = kommune.Name });
                command.Parameters.Add(new NpgsqlParameter { Value = writer.Write(kommune.Geometry) });
                batch.BatchCommands.Add(command);
            }

            foreach (var point in meetingPoints)
            {
                var command = new NpgsqlBatchCommand($"INSERT INTO moedested VALUES ($1, $3, $4, ST_SetSRID(ST_MakePoint($2, $5), 25832))");
                command.Parameters.Add(new NpgsqlParameter { Value = point.Id });
                command.Parameters.Add(new NpgsqlParameter { Value = point.Location.X });
                command.Parameters.Add(new NpgsqlParameter { Value = point.Name });
                command.Parameters.Add(new NpgsqlParameter { Value = point.Kind });
                command.Parameters.Add(new NpgsqlParameter { Value = point.Location.Y });
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
        }

        var copy = clock.Elapsed;
        clock.Restart();
        await ExecuteAsync(connection, """
            SET maintenance_work_mem = '512MB';
            ALTER TABLE adresse ADD PRIMARY KEY (adresse_id);
            CREATE INDEX adresse_geom ON adresse USING gist (geom);
            CREATE INDEX adresse_trgm ON adresse USING gin (search gin_trgm_ops);
            CREATE INDEX adresse_prefix ON adresse (search text_pattern_ops);
            CREATE INDEX kommune_geom ON kommune USING gist (geom);
            CREATE INDEX moedested_geom ON moedested USING gist (geom);
            CREATE INDEX moedested_kind ON moedested (kind);
            ANALYZE adresse; ANALYZE kommune; ANALYZE moedested;
            """);
        var indexes = clock.Elapsed;
        await using var size = new NpgsqlCommand("SELECT pg_total_relation_size('adresse')", connection);
        return (copy, indexes, (long)(await size.ExecuteScalarAsync())!);
    }

    public async Task<Latency> ReverseAsync(UtmPoint[] points, int clients, double maxDistance) =>
        await RunAsync(points.Length, clients,
            $"SELECT adgangsadresse_id, ST_Distance(geom, {Point}) FROM adresse WHERE ST_DWithin(geom, {Point}, $3) ORDER BY geom <-> {Point} LIMIT 1",
            (command, i) =>
            {
                command.Parameters[0].Value = points[i].X;
                command.Parameters[1].Value = points[i].Y;
                command.Parameters[2].Value = maxDistance;
            }, 3);

    public async Task<Latency> NearestAsync(UtmPoint[] points, int clients, int k) =>
        await RunAsync(points.Length, clients,
            $"SELECT id, ST_Distance(geom, {Point}) FROM moedested ORDER BY geom <-> {Point} LIMIT {k}",
            (command, i) =>
            {
                command.Parameters[0].Value = points[i].X;
                command.Parameters[1].Value = points[i].Y;
            }, 2);

    /// <summary>Tags every address with its kommune in one statement; returns time and how many got one.</summary>
    public async Task<(TimeSpan Time, long Tagged)> TagAllAsync()
    {
        await using var connection = await _source.OpenConnectionAsync();
        var clock = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM adresse a JOIN kommune k ON ST_Intersects(k.geom, a.geom)", connection);
        var tagged = (long)(await command.ExecuteScalarAsync())!;
        return (clock.Elapsed, tagged);
    }

    /// <summary>
    /// Autocomplete the way a plain PostGIS/pg_trgm deployment does it: a prefix match on the betegnelse lower-cased
    /// and without commas and full stops (btree text_pattern_ops), and when that finds nothing, a trigram similarity
    /// search (GIN, pg_trgm.similarity_threshold raised from 0.3 to 0.5, which keeps it from scanning a large part of
    /// the table). Returns the latency and the top-10 ids per query.
    /// </summary>
    public async Task<(Latency Latency, Guid[][] Hits)> AutocompleteAsync(IReadOnlyList<TextQuery> queries, int clients, int limit)
    {
        var hits = new Guid[queries.Count][];
        var connections = new List<NpgsqlConnection>();
        for (var c = 0; c < clients; c++)
        {
            var connection = await _source.OpenConnectionAsync();
            await ExecuteAsync(connection, "SET pg_trgm.similarity_threshold = 0.5");
            connections.Add(connection);
        }

        try
        {
            var latency = await Latency.MeasureAsync(queries.Count, connections, async (connection, i) =>
            {
                var text = Normalise(queries[i].Text);
                var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
                var found = await IdsAsync(connection, $"SELECT adresse_id FROM adresse WHERE search LIKE $1 ORDER BY search LIMIT {limit}", escaped + "%");
                if (found.Count == 0)
                {
                    found = await IdsAsync(connection, $"SELECT adresse_id FROM adresse WHERE search % $1 ORDER BY similarity(search, $1) DESC LIMIT {limit}", text);
                }

                hits[i] = [.. found];
            });
            return (latency, hits);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Lower case, commas and full stops removed, spaces collapsed: the same as the search column.</summary>
    public static string Normalise(string query) =>
        string.Join(' ', query.ToLowerInvariant().Replace(",", " ", StringComparison.Ordinal).Replace(".", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        try
        {
            await RunScriptAsync(_root, "stop-cluster.sh", _folder);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<List<Guid>> IdsAsync(NpgsqlConnection connection, string sql, string parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<Latency> RunAsync(int count, int clients, string sql, Action<NpgsqlCommand, int> bind, int parameters)
    {
        var commands = new List<NpgsqlCommand>();
        for (var c = 0; c < clients; c++)
        {
            var connection = await _source.OpenConnectionAsync();
            var command = new NpgsqlCommand(sql, connection);
            for (var p = 0; p < parameters; p++)
            {
                command.Parameters.Add(new NpgsqlParameter<double>());
            }

            bind(command, 0);
            await command.PrepareAsync();
            commands.Add(command);
        }

        try
        {
            return await Latency.MeasureAsync(count, commands, async (command, i) =>
            {
                bind(command, i);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            });
        }
        finally
        {
            foreach (var command in commands)
            {
                var connection = command.Connection!;
                await command.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RunScriptAsync(string root, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "tools", "postgres", script)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/postgres/{script} failed (exit {process.ExitCode}): {error}{output}");
        }
    }
}
