using System.Diagnostics;
using Npgsql;

namespace Automation.Benchmarks.Connectors;

/// <summary>
/// The peer: both record sets loaded with COPY into a private PostgreSQL cluster (tools/postgres/start-cluster.sh),
/// then the same comparison as one FULL OUTER JOIN query whose differing and one-sided rows are read by the client.
/// </summary>
internal sealed class PostgresJoin : IAsyncDisposable
{
    public const string Query = """
        SELECT a.id, b.nr,
               a.name IS DISTINCT FROM b.navn, a.address IS DISTINCT FROM b.adresse,
               a.phone IS DISTINCT FROM b.telefon, a.born IS DISTINCT FROM b.foedt
        FROM a FULL OUTER JOIN b ON a.id = b.nr
        WHERE a.id IS NULL OR b.nr IS NULL
           OR a.name IS DISTINCT FROM b.navn OR a.address IS DISTINCT FROM b.adresse
           OR a.phone IS DISTINCT FROM b.telefon OR a.born IS DISTINCT FROM b.foedt
        """;

    private readonly string _root;
    private readonly string _folder;
    private readonly NpgsqlDataSource _source;

    private PostgresJoin(string root, string folder, NpgsqlDataSource source)
    {
        _root = root;
        _folder = folder;
        _source = source;
    }

    public static async Task<PostgresJoin> StartAsync(string root, int port, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"connectors-bench-pg-{Environment.ProcessId}");
        await RunScriptAsync(root, "start-cluster.sh", [folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        var source = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Command Timeout=600");
        return new PostgresJoin(root, folder, source);
    }

    /// <summary>Loads both files with COPY; returns the time it took.</summary>
    public async Task<TimeSpan> LoadAsync(string fileA, string fileB, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS a; DROP TABLE IF EXISTS b; "
            + "CREATE UNLOGGED TABLE a (id text, name text, address text, phone text, born text); "
            + "CREATE UNLOGGED TABLE b (nr text, navn text, adresse text, telefon text, foedt text);", cancellationToken);
        var clock = Stopwatch.StartNew();
        foreach (var (table, file) in new[] { ("a", fileA), ("b", fileB) })
        {
            await using var import = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN (FORMAT csv, HEADER true, DELIMITER ';')", cancellationToken);
            using var reader = new StreamReader(file);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await import.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        await ExecuteAsync(connection, "ANALYZE a; ANALYZE b;", cancellationToken);
        return clock.Elapsed;
    }

    /// <summary>Runs the join once; returns its time, the counts, and the backend's peak resident memory (VmHWM) in bytes.</summary>
    public async Task<(TimeSpan Time, int OnlyInA, int OnlyInB, int Differing, long PeakBytes)> JoinAsync(string workMem, CancellationToken cancellationToken)
    {
        // A fresh backend per run, so that its VmHWM is this query's peak.
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SET work_mem = '{workMem}'; SET max_parallel_workers_per_gather = 0;", cancellationToken);
        int pid;
        await using (var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            pid = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var onlyInA = 0;
        var onlyInB = 0;
        var differing = 0;
        var clock = Stopwatch.StartNew();
        await using (var command = new NpgsqlCommand(Query, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    onlyInB++;
                }
                else if (reader.IsDBNull(1))
                {
                    onlyInA++;
                }
                else
                {
                    differing++;
                }
            }
        }

        clock.Stop();
        return (clock.Elapsed, onlyInA, onlyInB, differing, PeakResident(pid));
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        try
        {
            await RunScriptAsync(_root, "stop-cluster.sh", [_folder], CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static long PeakResident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RunScriptAsync(string root, string script, string[] arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, "tools", "postgres", script);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing; the PostgreSQL peer needs the private-cluster scripts in tools/postgres.");
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
