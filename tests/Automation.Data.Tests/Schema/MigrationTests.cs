using Microsoft.Data.Sqlite;

namespace Automation.Data.Tests.Schema;

public sealed class MigrationTests
{
    [Fact]
    public async Task MigrateAsync_EmptyFile_CreatesTablesIndexesAndWal()
    {
        using var folder = new TempFolder();

        await AutomationDatabase.MigrateAsync(folder.Database, CancellationToken.None);

        var objects = Query(folder.Database, "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'");
        Assert.Superset(
            new HashSet<string> { "Definitions", "Instances", "Bookmarks", "Journal", "__EFMigrationsHistory", "IX_Bookmarks_Kind_Key", "IX_Bookmarks_DueAt", "IX_Instances_Status_LeaseExpiresAt" },
            objects.ToHashSet());
        Assert.Equal(["wal"], Query(folder.Database, "PRAGMA journal_mode"));
        Assert.Single(Query(folder.Database, "SELECT MigrationId FROM __EFMigrationsHistory"), id => id.EndsWith("_InitialCreate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_SecondOpen_KeepsDataAndAppliesNothingTwice()
    {
        using var folder = new TempFolder();
        await using (var first = await AutomationDatabase.OpenAsync(folder.Database, null, CancellationToken.None))
        {
            await first.Instances.CommitAsync(TestData.New(TestData.Instance("kept")), CancellationToken.None);
        }

        var applied = Query(folder.Database, "SELECT MigrationId FROM __EFMigrationsHistory");
        await using var second = await AutomationDatabase.OpenAsync(folder.Database, null, CancellationToken.None);

        Assert.NotNull(await second.Instances.GetInstanceAsync("kept", CancellationToken.None));
        Assert.Equal(applied, Query(folder.Database, "SELECT MigrationId FROM __EFMigrationsHistory"));
    }

    [Fact]
    public async Task OpenAsync_MissingFolder_CreatesIt()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "nested", "data", "automation.db");

        await using var database = await AutomationDatabase.OpenAsync(path, null, CancellationToken.None);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task OpenAsync_PathIsAFolder_ThrowsNamingThePath()
    {
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => AutomationDatabase.OpenAsync(folder.Path, null, CancellationToken.None));

        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("automation.db", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
