using System.Text.Json.Nodes;
using Automation.Engine.Activities;

namespace Automation.Connectors.Sql;

/// <summary>Runs an INSERT, UPDATE, DELETE or DDL statement with named parameters and stores the number of rows affected.</summary>
[Activity("SqlExecute", "SQL", "SQL execute", Description = "Runs a statement with @parameters; the result is the number of rows affected.")]
public sealed class SqlExecute : IActivity
{
    public static readonly Input<string> Connection = SqlInputs.Connection;

    public static readonly Input<string> Sql = SqlInputs.Sql;

    public static readonly Input<JsonObject> Parameters = SqlInputs.Parameters;

    public static readonly Input<string> Timeout = SqlLimits.TimeoutInput;

    public static readonly Input<string> ResultVariable = SqlInputs.ResultVariable;

    private readonly SqlConnections _connections;

    public SqlExecute(Connections.IConnectionCatalog catalog, Engine.Credentials.ICredentialStore credentials) =>
        _connections = new SqlConnections(catalog, credentials);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = SqlInputs.ReadConnection(context);
        var statement = SqlInputs.ReadStatement(context);
        var limits = SqlLimits.Read(context, withMaxRows: false);

        var (connection, definition) = await _connections.OpenAsync(name, context.ActivityId, cancellationToken);
        await using (connection)
        {
            var result = await statement.ExecuteAsync(context, connection, null, definition, limits, cancellationToken);
            context.RecordOutput("rowsAffected", result.RowsAffected);
            context.Log($"SQL statement on '{definition.Name}' affected {SqlLimits.Count(result.RowsAffected, "row", "rows")}.");
            SqlInputs.Store(context, JsonValue.Create(result.RowsAffected));
        }

        return ActivityResult.Done;
    }
}
