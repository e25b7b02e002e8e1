using System.Text.Json.Nodes;
using Automation.Engine.Activities;

namespace Automation.Connectors.Sql;

/// <summary>
/// Runs a query with named parameters against a Sqlite or PostgreSql connection and stores the rows as a list of
/// objects keyed by column name. More rows than <c>maxRows</c> fault the activity instead of filling memory.
/// </summary>
[Activity("SqlQuery", "SQL", "SQL query", Description = "Runs a SELECT with @parameters; the rows become a list of objects.")]
public sealed class SqlQuery : IActivity
{
    public static readonly Input<string> Connection = SqlInputs.Connection;

    public static readonly Input<string> Sql = SqlInputs.Sql;

    public static readonly Input<JsonObject> Parameters = SqlInputs.Parameters;

    public static readonly Input<long> MaxRows = SqlLimits.MaxRowsInput;

    public static readonly Input<string> Timeout = SqlLimits.TimeoutInput;

    public static readonly Input<string> ResultVariable = SqlInputs.ResultVariable;

    private readonly SqlConnections _connections;

    public SqlQuery(Connections.IConnectionCatalog catalog, Engine.Credentials.ICredentialStore credentials) =>
        _connections = new SqlConnections(catalog, credentials);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = SqlInputs.ReadConnection(context);
        var statement = SqlInputs.ReadStatement(context);
        var limits = SqlLimits.Read(context, withMaxRows: true);

        var (connection, definition) = await _connections.OpenAsync(name, context.ActivityId, cancellationToken);
        await using (connection)
        {
            var result = await statement.ExecuteAsync(context, connection, null, definition, limits, cancellationToken);
            var rows = result.Rows ?? [];
            context.RecordOutput("rowCount", rows.Count);
            context.Log($"SQL query on '{definition.Name}' returned {SqlLimits.Count(rows.Count, "row", "rows")}.");
            SqlInputs.Store(context, rows);
        }

        return ActivityResult.Done;
    }
}
