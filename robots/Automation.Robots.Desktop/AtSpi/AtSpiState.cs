namespace Automation.Robots.Desktop.AtSpi;

/// <summary>AT-SPI states (AtspiStateType): bit numbers in the two-word state set GetState returns.</summary>
public enum AtSpiState
{
    Invalid = 0,
    Active = 1,
    Armed = 2,
    Busy = 3,
    Checked = 4,
    Collapsed = 5,
    Defunct = 6,
    Editable = 7,
    Enabled = 8,
    Expandable = 9,
    Expanded = 10,
    Focusable = 11,
    Focused = 12,
    HasTooltip = 13,
    Horizontal = 14,
    Iconified = 15,
    Modal = 16,
    MultiLine = 17,
    Multiselectable = 18,
    Opaque = 19,
    Pressed = 20,
    Resizable = 21,
    Selectable = 22,
    Selected = 23,
    Sensitive = 24,
    Showing = 25,
    SingleLine = 26,
    Stale = 27,
    Transient = 28,
    Vertical = 29,
    Visible = 30,
    ManagesDescendants = 31,
    Indeterminate = 32,
    Required = 33,
    Truncated = 34,
    Animated = 35,
    InvalidEntry = 36,
    SupportsAutocompletion = 37,
    SelectableText = 38,
    IsDefault = 39,
    Visited = 40,
    Checkable = 41,
    HasPopup = 42,
    ReadOnly = 43,
}

/// <summary>The states of an object: the 64-bit set GetState returns as two unsigned words.</summary>
public readonly record struct StateSet(ulong Bits)
{
    public static StateSet FromWords(uint[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var low = words.Length > 0 ? words[0] : 0u;
        var high = words.Length > 1 ? words[1] : 0u;
        return new StateSet(((ulong)high << 32) | low);
    }

    public bool Contains(AtSpiState state) => (Bits & (1UL << (int)state)) != 0;

    public override string ToString()
    {
        var bits = Bits;
        return string.Join(" ", Enum.GetValues<AtSpiState>().Where(s => s != AtSpiState.Invalid && (bits & (1UL << (int)s)) != 0).Select(s => s.ToString().ToLowerInvariant()));
    }
}
