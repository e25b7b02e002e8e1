using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Automation.Data.Schema;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a host; the file name is never opened for writing migrations.</summary>
internal sealed class AutomationDbContextFactory : IDesignTimeDbContextFactory<AutomationDbContext>
{
    public AutomationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AutomationDbContext>().UseSqlite("Data Source=automation-design.db").Options);
}
