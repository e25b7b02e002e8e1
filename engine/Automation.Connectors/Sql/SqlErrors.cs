using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Automation.Connectors.Sql;

/// <summary>
/// Turns provider errors into fault messages: the database's own words, never parameter values (they may be personal
/// data, and a database sometimes quotes the value it could not use).
/// </summary>
internal static class SqlErrors
{
    /// <summary>Values shorter than this are only hidden where the database quotes them; hiding every "1" would garble the message.</summary>
    private const int MinimumBareLength = 3;

    public static string ProviderMessage(Exception exception) => exception switch
    {
        // MessageText leaves out Detail, which quotes row values ("Key (email)=(...) already exists").
        PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState})",
        SqliteException sqlite => sqlite.Message,
        NpgsqlException { InnerException: { } inner } npgsql when inner is not PostgresException => $"{npgsql.Message} {inner.Message}",
        _ => exception.Message,
    };

    /// <summary>The provider's message with every parameter value replaced by the parameter's name.</summary>
    public static string Redacted(Exception exception, DbParameterCollection parameters)
    {
        var message = ProviderMessage(exception);
        foreach (var parameter in parameters.Cast<DbParameter>().OrderByDescending(p => Text(p.Value).Length))
        {
            var value = Text(parameter.Value);
            if (value.Length == 0)
            {
                continue;
            }

            var name = "@" + parameter.ParameterName.TrimStart('@', ':', '$');
            message = message.Replace($"\"{value}\"", $"\"{name}\"", StringComparison.Ordinal)
                .Replace($"'{value}'", $"'{name}'", StringComparison.Ordinal);
            if (value.Length >= MinimumBareLength)
            {
                message = message.Replace(value, name, StringComparison.Ordinal);
            }
        }

        return message;
    }

    private static string Text(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
