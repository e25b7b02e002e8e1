using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Sql;

/// <summary>
/// Runs a list of statements in one transaction: all take effect or none does. The result has one entry per
/// statement: <c>{rowsAffected}</c>, plus <c>rows</c> for statements that return rows (SELECT, RETURNING).
/// </summary>
[Activity("SqlBatch", "SQL", "SQL batch (transaction)", Description = "Runs several statements with @parameters in one transaction: all or nothing.")]
public sealed class SqlBatch : IActivity
{
    public static readonly Input<string> Connection = SqlInputs.Connection;

    public static readonly Input<JsonArray> Statements = new("statements", "Statements", DataType.Array)
    {
        Required = true,
        AllowExpression = false,
        Editor = InputEditor.Json,
        Description = "[{\"sql\": \"...\", \"parameters\": {\"name\": value}}, ...] run in order in one transaction; each SQL is literal text, each parameter value a literal or an expression.",
    };

    public static readonly Input<long> MaxRows = SqlLimits.MaxRowsInput;

    public static readonly Input<string> Timeout = SqlLimits.TimeoutInput;

    public static readonly Input<string> ResultVariable = SqlInputs.ResultVariable;

    private readonly SqlConnections _connections;

    public SqlBatch(Connections.IConnectionCatalog catalog, Engine.Credentials.ICredentialStore credentials) =>
        _connections = new SqlConnections(catalog, credentials);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = SqlInputs.ReadConnection(context);
        var statements = ReadStatements(context);
        var limits = SqlLimits.Read(context, withMaxRows: true);

        var (connection, definition) = await _connections.OpenAsync(name, context.ActivityId, cancellationToken);
        await using (connection)
        {
            var results = new JsonArray();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                // A fault leaves the loop without Commit: disposing the transaction rolls every statement back.
                foreach (var statement in statements)
                {
                    var result = await statement.ExecuteAsync(context, connection, transaction, definition, limits, cancellationToken);
                    var entry = new JsonObject { ["rowsAffected"] = result.RowsAffected };
                    if (result.Rows is not null)
                    {
                        entry["rows"] = result.Rows;
                    }

                    results.Add(entry);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            context.RecordOutput("statements", statements.Count);
            context.Log($"SQL batch on '{definition.Name}' committed {SqlLimits.Count(statements.Count, "statement", "statements")}.");
            SqlInputs.Store(context, results);
        }

        return ActivityResult.Done;
    }

    private static List<SqlStatement> ReadStatements(ActivityContext context)
    {
        if (ExpressionInput.TryGetScript(context.Node.Inputs.GetValueOrDefault(Statements.Name), out _))
        {
            throw new WorkflowFaultException(SqlInputs.NoExpressionSql(context.ActivityId, Statements.Name));
        }

        var items = context.Get(Statements) ?? [];
        if (items.Count == 0)
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' has no statements; give input 'statements' as [{{\"sql\": \"...\", \"parameters\": {{...}}}}].");
        }

        var statements = new List<SqlStatement>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"statements[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (items[i] is not JsonObject item)
            {
                throw new WorkflowFaultException($"{path} of activity '{context.ActivityId}' is not an object; write it as {{\"sql\": \"...\", \"parameters\": {{...}}}}.");
            }

            var sql = item["sql"];
            if (ExpressionInput.TryGetScript(sql, out _))
            {
                throw new WorkflowFaultException(SqlInputs.NoExpressionSql(context.ActivityId, path + ".sql"));
            }

            if (sql is not JsonValue text || !text.TryGetValue<string>(out var sqlText) || string.IsNullOrWhiteSpace(sqlText))
            {
                throw new WorkflowFaultException($"{path} of activity '{context.ActivityId}' has no SQL text; give it as \"sql\": \"...\".");
            }

            var parameters = item["parameters"];
            if (parameters is not (null or JsonObject))
            {
                throw new WorkflowFaultException($"{path}.parameters of activity '{context.ActivityId}' is not an object; give it as {{\"name\": value}}.");
            }

            statements.Add(new SqlStatement
            {
                Sql = sqlText,
                Parameters = (JsonObject?)parameters,
                LiteralParameters = true,
                ParametersPath = path + ".parameters",
                Label = $"{path} (statement {i + 1} of {items.Count}, transaction rolled back)",
            });
        }

        return statements;
    }
}
