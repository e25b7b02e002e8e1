using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Automation.Connectors.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL 15 cluster for one test run: started by tools/postgres/start-cluster.sh in a temp folder on a
/// free port of 127.0.0.1, stopped and deleted at the end. Tuned for speed (initdb --no-sync, fsync=off), so its data
/// would not survive a crash, which does not matter for a throw-away cluster. The superuser <c>postgres</c> connects
/// without a password; other roles need theirs. Missing binaries fail the tests with the package to install: these
/// tests are never skipped.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    public const string Package = "postgresql-15";

    private const int StartAttempts = 3;

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    private string? _directory;

    public int Port { get; private set; }

    /// <summary>The database the tests use; each test makes its own tables.</summary>
    public const string Database = "tests";

    /// <summary>Connection string for the superuser, for arranging and checking data outside the activities.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>A connection string without a password, as it would stand in configuration.</summary>
    public string ConnectionString(string userName) => ConnectionString(userName, Database);

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed: {BinDirectory}/initdb is missing. Install the Debian package {Package} (apt-get install {Package}; tools/test.sh does it). These tests need a real PostgreSQL and are never skipped.");
        }

        var script = Script("start-cluster.sh");
        string? failure = null;
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            // Another process may take the free port before the server binds it: then try a fresh one.
            _directory = Path.Combine(Path.GetTempPath(), "automation-pg-" + Guid.NewGuid().ToString("N")[..8]);
            Port = FreePort();
            var (exitCode, output) = await RunAsync(script, _directory, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (exitCode == 0)
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres", "postgres"));
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
                await create.ExecuteNonQueryAsync();
                return;
            }

            failure = output;
            TryDelete(_directory);
        }

        throw new InvalidOperationException($"The private PostgreSQL cluster did not start ({script}): {failure}");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is null)
        {
            return;
        }

        await RunAsync(Script("stop-cluster.sh"), _directory);
        TryDelete(_directory);
    }

    /// <summary>Runs SQL as the superuser (arranging tables, roles and checking results).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private string ConnectionString(string userName, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = userName,
    }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    /// <summary>The script in tools/postgres, found from the working folder or, failing that, from this source file.</summary>
    private static string Script(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(SourceFile())! })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "tools", "postgres", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"tools/postgres/{name} was not found above {Directory.GetCurrentDirectory()}; run the tests from the repository.");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A folder left in /tmp is harmless; failing the run over it is not worth it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Test classes in this collection share one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
