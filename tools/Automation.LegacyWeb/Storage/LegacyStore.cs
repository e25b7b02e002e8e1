using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Automation.LegacyWeb.Storage;

/// <summary>The instance's SQLite file: referrals (A) and registrations (B). One lock serialises access; the app is a test target, not a database benchmark.</summary>
internal sealed class LegacyStore
{
    private readonly string _connectionString;
    private readonly Lock _gate = new();

    public LegacyStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        Execute(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS referrals (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, cpr TEXT NOT NULL,
                first_name TEXT NOT NULL, last_name TEXT NOT NULL, address TEXT NOT NULL, postal_code TEXT NOT NULL,
                city TEXT NOT NULL, department TEXT NOT NULL, referral_date TEXT NOT NULL, received_at TEXT NOT NULL,
                urgent INTEGER NOT NULL, reason TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS registrations (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, referral_id TEXT NOT NULL, cpr TEXT NOT NULL,
                first_name TEXT NOT NULL, last_name TEXT NOT NULL, address TEXT NOT NULL, postal_code TEXT NOT NULL,
                city TEXT NOT NULL, department TEXT NOT NULL, referral_date TEXT NOT NULL, urgent INTEGER NOT NULL,
                note TEXT NOT NULL, registered_at TEXT NOT NULL, registered_by TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_registrations_referral ON registrations (referral_id);
            """);
    }

    public int ReferralCount() => Scalar("SELECT COUNT(*) FROM referrals");

    public void AddReferrals(IEnumerable<Referral> referrals)
    {
        lock (_gate)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            foreach (var r in referrals)
            {
                using var command = connection.CreateCommand();
                command.CommandText =
                    """
                    INSERT INTO referrals (id, cpr, first_name, last_name, address, postal_code, city, department, referral_date, received_at, urgent, reason)
                    VALUES ($id, $cpr, $fn, $ln, $addr, $pc, $city, $dep, $date, $recv, $urgent, $reason)
                    """;
                command.Parameters.AddWithValue("$id", r.Id);
                command.Parameters.AddWithValue("$cpr", r.Cpr);
                command.Parameters.AddWithValue("$fn", r.FirstName);
                command.Parameters.AddWithValue("$ln", r.LastName);
                command.Parameters.AddWithValue("$addr", r.Address);
                command.Parameters.AddWithValue("$pc", r.PostalCode);
                command.Parameters.AddWithValue("$city", r.City);
                command.Parameters.AddWithValue("$dep", r.Department);
                command.Parameters.AddWithValue("$date", r.ReferralDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$recv", r.ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$urgent", r.Urgent ? 1 : 0);
                command.Parameters.AddWithValue("$reason", r.Reason);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>One page of referrals matching <paramref name="query"/> (id, CPR or name, case-insensitive), ordered by id, and the total match count.</summary>
    public (IReadOnlyList<Referral> Rows, int Total) SearchReferrals(string? query, int skip, int take)
    {
        const string Where = "WHERE $q = '' OR id LIKE $like OR cpr LIKE $like OR (first_name || ' ' || last_name) LIKE $like";
        lock (_gate)
        {
            using var connection = Open();
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM referrals {Where}";
            AddQuery(count, query);
            var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);

            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM referrals {Where} ORDER BY seq LIMIT $take OFFSET $skip";
            AddQuery(select, query);
            select.Parameters.AddWithValue("$take", take);
            select.Parameters.AddWithValue("$skip", skip);
            return (ReadReferrals(select), total);
        }
    }

    public Referral? FindReferral(string id)
    {
        lock (_gate)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM referrals WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return ReadReferrals(command).FirstOrDefault();
        }
    }

    public IReadOnlyList<Referral> AllReferrals()
    {
        lock (_gate)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM referrals ORDER BY seq";
            return ReadReferrals(command);
        }
    }

    /// <summary>Saves a registration and returns it with its new record number.</summary>
    public Registration AddRegistration(Registration draft)
    {
        lock (_gate)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                """
                INSERT INTO registrations (referral_id, cpr, first_name, last_name, address, postal_code, city, department, referral_date, urgent, note, registered_at, registered_by)
                VALUES ($ref, $cpr, $fn, $ln, $addr, $pc, $city, $dep, $date, $urgent, $note, $at, $by)
                RETURNING seq
                """;
            command.Parameters.AddWithValue("$ref", draft.ReferralId);
            command.Parameters.AddWithValue("$cpr", draft.Cpr);
            command.Parameters.AddWithValue("$fn", draft.FirstName);
            command.Parameters.AddWithValue("$ln", draft.LastName);
            command.Parameters.AddWithValue("$addr", draft.Address);
            command.Parameters.AddWithValue("$pc", draft.PostalCode);
            command.Parameters.AddWithValue("$city", draft.City);
            command.Parameters.AddWithValue("$dep", draft.Department);
            command.Parameters.AddWithValue("$date", draft.ReferralDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$urgent", draft.Urgent ? 1 : 0);
            command.Parameters.AddWithValue("$note", draft.Note);
            command.Parameters.AddWithValue("$at", draft.RegisteredAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$by", draft.RegisteredBy);
            var seq = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            return draft with { RecordNumber = RecordNumberOf(seq) };
        }
    }

    /// <summary>Registrations, optionally only those for one referral id, in save order.</summary>
    public IReadOnlyList<Registration> Registrations(string? referralId = null)
    {
        lock (_gate)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM registrations WHERE $ref IS NULL OR referral_id = $ref ORDER BY seq";
            command.Parameters.AddWithValue("$ref", (object?)referralId ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var rows = new List<Registration>();
            while (reader.Read())
            {
                rows.Add(new Registration(
                    RecordNumberOf(reader.GetInt64(reader.GetOrdinal("seq"))),
                    Text(reader, "referral_id"), Text(reader, "cpr"), Text(reader, "first_name"), Text(reader, "last_name"),
                    Text(reader, "address"), Text(reader, "postal_code"), Text(reader, "city"), Text(reader, "department"),
                    DateOnly.ParseExact(Text(reader, "referral_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    reader.GetInt64(reader.GetOrdinal("urgent")) != 0,
                    Text(reader, "note"),
                    DateTimeOffset.Parse(Text(reader, "registered_at"), CultureInfo.InvariantCulture),
                    Text(reader, "registered_by")));
            }

            return rows;
        }
    }

    private static string RecordNumberOf(long seq) => string.Create(CultureInfo.InvariantCulture, $"J-{seq:000000}");

    private static void AddQuery(SqliteCommand command, string? query)
    {
        var q = query?.Trim() ?? string.Empty;
        command.Parameters.AddWithValue("$q", q);
        command.Parameters.AddWithValue("$like", $"%{q}%");
    }

    private static List<Referral> ReadReferrals(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<Referral>();
        while (reader.Read())
        {
            rows.Add(new Referral(
                Text(reader, "id"), Text(reader, "cpr"), Text(reader, "first_name"), Text(reader, "last_name"),
                Text(reader, "address"), Text(reader, "postal_code"), Text(reader, "city"), Text(reader, "department"),
                DateOnly.ParseExact(Text(reader, "referral_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(Text(reader, "received_at"), CultureInfo.InvariantCulture),
                reader.GetInt64(reader.GetOrdinal("urgent")) != 0,
                Text(reader, "reason")));
        }

        return rows;
    }

    private static string Text(SqliteDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    private int Scalar(string sql)
    {
        lock (_gate)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    private void Execute(string sql)
    {
        lock (_gate)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
