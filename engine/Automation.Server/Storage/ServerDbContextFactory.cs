using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Automation.Server.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the server.</summary>
internal sealed class ServerDbContextFactory : IDesignTimeDbContextFactory<ServerDbContext>
{
    public ServerDbContext CreateDbContext(string[] args) =>
        new(ServerDatabase.ContextOptions("Data Source=automation-design.db"));
}
