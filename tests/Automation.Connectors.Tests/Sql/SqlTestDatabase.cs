using System.Data.Common;
using Automation.Connectors.Connections;
using Automation.Connectors.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Automation.Connectors.Tests.Sql;

public enum SqlProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// One test's database: a fresh SQLite file in the temp folder, or the shared private PostgreSQL cluster with tables
/// whose names are unique to the test. Arranges and checks data directly, outside the activities under test.
/// </summary>
internal sealed class SqlTestDatabase : IDisposable
{
    public const string ConnectionName = "db";

    private readonly string? _file;
    private readonly string _adminConnectionString;

    private SqlTestDatabase(SqlProvider provider, string adminConnectionString, string? file)
    {
        Provider = provider;
        _adminConnectionString = adminConnectionString;
        _file = file;
        Table = "people_" + Guid.NewGuid().ToString("N")[..8];
    }

    public SqlProvider Provider { get; }

    /// <summary>A table name no other test uses.</summary>
    public string Table { get; }

    public ConnectionDefinition Connection => new()
    {
        Name = ConnectionName,
        Kind = Provider == SqlProvider.Sqlite ? ConnectionKind.Sqlite : ConnectionKind.PostgreSql,
        ConnectionString = _adminConnectionString,
    };

    public static SqlTestDatabase Create(SqlProvider provider, PostgresCluster cluster)
    {
        if (provider == SqlProvider.PostgreSql)
        {
            return new SqlTestDatabase(provider, cluster.AdminConnectionString, null);
        }

        var file = Path.Combine(Path.GetTempPath(), $"automation-sql-{Guid.NewGuid():N}.db");
        return new SqlTestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, file);
    }

    /// <summary>
    /// Creates <see cref="Table"/> (id, name, email unique, born date, active boolean, score, registered timestamp)
    /// with the provider's own column types, holding Ann (id 1) and Bo (id 2).
    /// </summary>
    public async Task CreatePeopleAsync()
    {
        var columns = Provider == SqlProvider.Sqlite
            ? "id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, born DATE, active BOOLEAN, score REAL, registered DATETIME"
            : "id integer PRIMARY KEY, name text NOT NULL, email text UNIQUE, born date, active boolean, score double precision, registered timestamptz";
        await ExecuteAsync($"CREATE TABLE {Table} ({columns})");
        await ExecuteAsync($"INSERT INTO {Table} (id, name, email) VALUES (1, 'Ann', 'ann@example.dk'), (2, 'Bo', 'bo@example.dk')");
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The names in <see cref="Table"/>, by id.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync()
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM {Table} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public void Dispose()
    {
        if (_file is not null)
        {
            File.Delete(_file);
        }
    }

    private DbConnection Open()
    {
        DbConnection connection = Provider == SqlProvider.Sqlite
            ? new SqliteConnection(_adminConnectionString)
            : new NpgsqlConnection(_adminConnectionString);
        connection.Open();
        return connection;
    }
}
