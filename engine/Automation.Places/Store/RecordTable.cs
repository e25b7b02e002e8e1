using Microsoft.Data.Sqlite;

namespace Automation.Places.Store;

/// <summary>
/// How one kind of record maps onto its versioned table. Every table has the same bookkeeping columns
/// (<c>row_id, version, valid_from, valid_to, source, content_hash, dup_key</c>) plus the key and data columns named
/// here; the current version of a key is the row whose <c>valid_to</c> is null.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <typeparam name="TKey">Its key (a DAR id, or kind + code for areas).</typeparam>
internal abstract class RecordTable<T, TKey>
    where TKey : notnull
{
    /// <summary>The table name.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The secondary index, as (name, columns). Dropped while a batch fills an empty table and built once at commit:
    /// one sorted build is much cheaper than millions of random-order inserts into it.
    /// </summary>
    public abstract (string Name, string Columns) Index { get; }

    /// <summary>Key columns first, then data columns, in the order <see cref="Bind"/> fills them and <see cref="Read"/> reads them.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>How many of <see cref="Columns"/> form the key.</summary>
    public abstract int KeyColumnCount { get; }

    public abstract TKey KeyOf(T record);

    /// <summary>Reads the key from <paramref name="reader"/> starting at column <paramref name="offset"/>.</summary>
    public abstract TKey ReadKey(SqliteDataReader reader, int offset);

    /// <summary>A hash over every field, to tell changed from unchanged.</summary>
    public abstract long Hash(T record);

    /// <summary>A key for duplicate detection (e.g. the folded address text); 0 when the kind has none.</summary>
    public virtual long DuplicateKey(T record) => 0;

    /// <summary>Binds <see cref="Columns"/> to positions 1..n.</summary>
    public abstract void Bind(RowBinder binder, T record);

    /// <summary>Reads a record from <see cref="Columns"/> starting at column <paramref name="offset"/>.</summary>
    public abstract T Read(SqliteDataReader reader, int offset);

    protected static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    protected static Guid? NullableGuid(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}
