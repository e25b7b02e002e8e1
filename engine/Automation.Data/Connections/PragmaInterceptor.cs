using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Automation.Data.Connections;

/// <summary>Sets the busy timeout and synchronous mode on each connection EF Core opens (pragmas are per connection).</summary>
internal sealed class PragmaInterceptor : DbConnectionInterceptor
{
    public static PragmaInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteConnections.Apply(connection, SqliteConnections.ConnectionPragmas);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        SqliteConnections.ApplyAsync(connection, SqliteConnections.ConnectionPragmas, cancellationToken);
}
