namespace Automation.Places.Store;

/// <summary>
/// A stable 64-bit FNV-1a hash of a record's fields, stored with each version so that a re-import can tell an
/// unchanged record from a changed one without reading the old fields back. (string.GetHashCode is randomised per
/// process and cannot be stored.)
/// </summary>
internal struct ContentHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private ulong _value;

    public static ContentHash Create() => new() { _value = Offset };

    public readonly long Value => unchecked((long)_value);

    public void Add(string? text)
    {
        if (text is null)
        {
            Mix(0xFFFF_FFFF);
            return;
        }

        foreach (var c in text)
        {
            _value = unchecked((_value ^ c) * Prime);
        }

        // A separator, so ("ab", "c") and ("a", "bc") differ.
        Mix(0x1F);
    }

    /// <summary>Adds non-null text, exactly as <see cref="Add(string?)"/> adds the same string.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            _value = unchecked((_value ^ c) * Prime);
        }

        Mix(0x1F);
    }

    /// <summary>Adds text lower-cased, with runs of white space as one space and none at the ends.</summary>
    public void AddFolded(ReadOnlySpan<char> text)
    {
        var pendingSpace = false;
        var started = false;
        foreach (var raw in text)
        {
            if (char.IsWhiteSpace(raw))
            {
                pendingSpace = started;
                continue;
            }

            if (pendingSpace)
            {
                _value = unchecked((_value ^ ' ') * Prime);
                pendingSpace = false;
            }

            started = true;
            _value = unchecked((_value ^ char.ToLowerInvariant(raw)) * Prime);
        }

        Mix(0x1F);
    }

    public void Add(double value) => Mix(unchecked((ulong)BitConverter.DoubleToInt64Bits(value)));

    public void Add(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        foreach (var b in bytes)
        {
            _value = unchecked((_value ^ b) * Prime);
        }
    }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _value = unchecked((_value ^ b) * Prime);
        }

        Mix(0x1F);
    }

    private void Mix(ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            _value = unchecked((_value ^ (value & 0xFF)) * Prime);
            value >>= 8;
        }
    }
}
