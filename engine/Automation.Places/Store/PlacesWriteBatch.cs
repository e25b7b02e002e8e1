namespace Automation.Places.Store;

/// <summary>
/// One transaction writing records of one kind. Nothing is visible until <see cref="Commit"/>; disposing without
/// committing rolls everything back. Holds the store's write lock until disposed.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class PlacesWriteBatch<T> : IDisposable
{
    private protected PlacesWriteBatch()
    {
    }

    /// <summary>Writes <paramref name="record"/> as a new record, a new version of a changed one, or nothing.</summary>
    public abstract RecordOutcome Write(T record);

    /// <summary>Makes every write of this batch durable at once.</summary>
    public abstract void Commit();

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Rolls back unless committed and releases the store.</summary>
    protected abstract void Dispose(bool disposing);
}
