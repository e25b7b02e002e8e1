using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Automation.Connectors.Sql;

/// <summary>Reads result rows as JSON objects keyed by column name, with dates as ISO 8601 text.</summary>
internal static class SqlRows
{
    public static JsonObject Read(DbDataReader reader)
    {
        var row = new JsonObject();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            // A repeated column name (a join of two "id" columns) keeps the last value; alias columns to keep both.
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Value(reader.GetValue(i), reader.GetDataTypeName(i));
        }

        return row;
    }

    private static JsonNode? Value(object value, string typeName) => value switch
    {
        DBNull => null,

        // SQLite has no boolean storage class: a column declared BOOLEAN holds 0 and 1.
        long l when typeName.Contains("BOOL", StringComparison.OrdinalIgnoreCase) => JsonValue.Create(l != 0),
        string json when typeName is "json" or "jsonb" => JsonNode.Parse(json),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        short s => JsonValue.Create(s),
        byte b => JsonValue.Create(b),
        decimal m => JsonValue.Create(m),
        double d => Finite(d),
        float f => Finite(f),
        DateTime d when typeName == "date" => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime d => JsonValue.Create(d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture)),
        DateTimeOffset d => JsonValue.Create(d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly t => JsonValue.Create(t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        TimeSpan t => JsonValue.Create(t.ToString("c", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString("D")),
        char c => JsonValue.Create(c.ToString()),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        Array array => new JsonArray(array.Cast<object?>().Select(e => e is null ? null : Value(e, "")).ToArray()),
        IFormattable other => JsonValue.Create(other.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    // JSON has no NaN or Infinity; PostgreSQL's float8 does.
    private static JsonValue Finite(double d) =>
        double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(CultureInfo.InvariantCulture));
}
