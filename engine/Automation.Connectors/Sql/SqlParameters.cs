using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Expressions;
using Automation.Engine.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace Automation.Connectors.Sql;

/// <summary>
/// Binds a <c>parameters</c> object to a command as named parameters (<c>@name</c> in the SQL). Values are always sent
/// as parameters, never spliced into the SQL text, so a value such as <c>'; DROP TABLE x; --</c> is only ever data.
/// </summary>
internal static partial class SqlParameters
{
    /// <summary>
    /// Adds one parameter per property. Values of a literal object may each be an expression (<c>{"js": "..."}</c>);
    /// values that came from an expression are data and are never evaluated again.
    /// </summary>
    public static void Bind(DbCommand command, ConnectionKind kind, JsonObject? parameters, bool literal, ActivityContext context, string inputPath)
    {
        if (parameters is null)
        {
            return;
        }

        foreach (var (key, raw) in parameters)
        {
            var name = key.TrimStart('@');
            if (!NamePattern().IsMatch(name))
            {
                throw new WorkflowFaultException(
                    $"Parameter '{key}' in {inputPath} of activity '{context.ActivityId}' is not a valid parameter name; use letters, digits and _ (starting with a letter or _), and write it as @{{name}} in the SQL.");
            }

            var value = literal && ExpressionInput.TryGetScript(raw, out var script)
                ? context.Evaluate(script, $"{inputPath}.{name}")
                : raw;
            command.Parameters.Add(Create(command, kind, name, value));
        }
    }

    private static DbParameter Create(DbCommand command, ConnectionKind kind, string name, JsonNode? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        switch (value)
        {
            case null:
                parameter.Value = DBNull.Value;
                Untyped(parameter);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                // PostgreSQL decides the type from where the parameter is used, as for a quoted literal: an ISO text
                // becomes a date or timestamp, "42" an integer, JSON text jsonb. SQLite keeps text, its date format.
                parameter.Value = v.GetValue<string>();
                Untyped(parameter);
                break;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                parameter.Value = v.GetValueKind() == JsonValueKind.True;
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                parameter.Value = Number(v.ToJsonString(), kind);
                break;
            default:
                parameter.Value = value.ToJsonString();
                Untyped(parameter);
                break;
        }

        return parameter;
    }

    private static object Number(string text, ConnectionKind kind)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        // numeric keeps 0.1 exact in PostgreSQL; Microsoft.Data.Sqlite would store a decimal as text, so SQLite gets REAL.
        if (kind == ConnectionKind.PostgreSql && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            return exact;
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static void Untyped(DbParameter parameter)
    {
        if (parameter is NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = NpgsqlDbType.Unknown;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
