using System.Data.Common;
using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Sql;

/// <summary>The outcome of one statement: rows when it returned any columns (SELECT, RETURNING), and rows affected.</summary>
internal sealed record SqlStatementResult(JsonArray? Rows, int RowsAffected);

/// <summary>One SQL text with its parameters, and where it sits in the activity (for messages).</summary>
internal sealed class SqlStatement
{
    public required string Sql { get; init; }

    public JsonObject? Parameters { get; init; }

    /// <summary>Whether <see cref="Parameters"/> is the definition's literal (its values may be expressions).</summary>
    public bool LiteralParameters { get; init; }

    /// <summary>The input path for messages: <c>parameters</c> or <c>statements[2].parameters</c>.</summary>
    public required string ParametersPath { get; init; }

    /// <summary>How messages name the statement: <c>statement 1 of 1</c>.</summary>
    public required string Label { get; init; }

    public async Task<SqlStatementResult> ExecuteAsync(
        ActivityContext context,
        DbConnection connection,
        DbTransaction? transaction,
        ConnectionDefinition definition,
        SqlLimits limits,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Transaction = transaction;
        command.CommandTimeout = limits.CommandTimeoutSeconds;
        SqlParameters.Bind(command, definition.Kind, Parameters, LiteralParameters, context, ParametersPath);

        try
        {
            JsonArray? rows = null;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            do
            {
                if (reader.FieldCount == 0)
                {
                    continue;
                }

                rows ??= [];
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (rows.Count == limits.MaxRows)
                    {
                        throw new WorkflowFaultException(
                            $"The {Label} of activity '{context.ActivityId}' returned more than {limits.MaxRows} rows (its maxRows). Narrow the query with WHERE or LIMIT, or raise maxRows.");
                    }

                    rows.Add(SqlRows.Read(reader));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));

            return new SqlStatementResult(rows, Math.Max(reader.RecordsAffected, 0));
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or FormatException or InvalidCastException)
        {
            // No inner exception: provider exceptions can carry parameter values (PostgreSQL's Detail, Npgsql's Data).
            throw new WorkflowFaultException(
                $"The {Label} of activity '{context.ActivityId}' failed on connection '{definition.Name}' ({definition.Kind}): {SqlErrors.Redacted(ex, command.Parameters)}. Fix the SQL or the data; parameter values are not shown because they may be personal data.");
        }
    }
}
