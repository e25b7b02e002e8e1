namespace Automation.Places.Store;

/// <summary>
/// Shares equal strings while loading millions of rows: road names, post town names and codes repeat, and one copy
/// each keeps the snapshot small. Not thread-safe; one per load.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string Get(string value)
    {
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _strings.Add(value, value);
        return value;
    }
}
