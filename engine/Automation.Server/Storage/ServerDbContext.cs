using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Storage;

/// <summary>
/// The server's own tables (users, API tokens, credentials) in the engine's SQLite file. Its migrations keep their
/// own history table, <see cref="HistoryTable"/>, so they never mix with the engine's.
/// </summary>
internal sealed class ServerDbContext(DbContextOptions<ServerDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__ServerMigrationsHistory";

    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    public DbSet<CredentialRow> Credentials => Set<CredentialRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserRow>(e =>
        {
            e.ToTable("Users");
            e.HasKey(u => u.Id);
            e.HasIndex(u => u.NormalizedUserName).IsUnique();
        });

        modelBuilder.Entity<ApiTokenRow>(e =>
        {
            e.ToTable("ApiTokens");
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.TokenHash).IsUnique();
        });

        modelBuilder.Entity<CredentialRow>(e =>
        {
            e.ToTable("Credentials");
            e.HasKey(c => c.NormalizedName);
        });
    }
}
