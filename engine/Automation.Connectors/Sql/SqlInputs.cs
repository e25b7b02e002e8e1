using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Sql;

/// <summary>Inputs the SQL activities share, and the checks that keep SQL text out of reach of data.</summary>
internal static class SqlInputs
{
    public static readonly Input<string> Connection = new("connection", "Connection", DataType.String)
    {
        Required = true,
        AllowExpression = false,
        Description = "Name of a Sqlite or PostgreSql connection from the configuration (Automation:Connections).",
    };

    public static readonly Input<string> Sql = new("sql", "SQL", DataType.String)
    {
        Required = true,
        AllowExpression = false,
        Editor = InputEditor.MultilineText,
        Description = "Literal SQL; refer to values as @name and give them under parameters. SQL is never built from data.",
    };

    public static readonly Input<JsonObject> Parameters = new("parameters", "Parameters", DataType.Object)
    {
        Editor = InputEditor.Json,
        Description = "{\"name\": value} for each @name in the SQL; each value a literal or an expression such as {\"js\": \"variables.cpr\"}.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store result in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
    };

    public static string ReadConnection(ActivityContext context) =>
        context.Get(Connection) is { Length: > 0 } name
            ? name
            : throw new WorkflowFaultException($"Activity '{context.ActivityId}' has no connection; set input 'connection' to the name of a Sqlite or PostgreSql connection.");

    /// <summary>The statement of SqlQuery and SqlExecute, refusing SQL that an expression would compute.</summary>
    public static SqlStatement ReadStatement(ActivityContext context)
    {
        if (ExpressionInput.TryGetScript(context.Node.Inputs.GetValueOrDefault(Sql.Name), out _))
        {
            throw new WorkflowFaultException(NoExpressionSql(context.ActivityId, Sql.Name));
        }

        var sql = context.Get(Sql);
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' has no SQL; write the statement in input 'sql'.");
        }

        var literal = !ExpressionInput.TryGetScript(context.Node.Inputs.GetValueOrDefault(Parameters.Name), out _);

        // The values are often personal data (CPR numbers, names): the journal gets them masked.
        return new SqlStatement
        {
            Sql = sql,
            Parameters = context.Get(Parameters, personal: true),
            LiteralParameters = literal,
            ParametersPath = Parameters.Name,
            Label = "statement",
        };
    }

    public static string NoExpressionSql(string activityId, string path) =>
        $"Input '{path}' of activity '{activityId}' is an expression, but SQL must be literal text so it is never built from data; write the SQL with @name placeholders and pass the values under parameters.";

    public static void Store(ActivityContext context, JsonNode? value)
    {
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, value);
        }
    }
}
