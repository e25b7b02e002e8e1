using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Automation.Data.Schema;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks in an INTEGER column. SQLite has no date type, and ISO strings
/// with mixed offsets do not sort; ticks compare and order correctly in SQL (lease expiry, due timers).
/// Values come back in UTC.
/// </summary>
internal sealed class UtcTicksConverter : ValueConverter<DateTimeOffset, long>
{
    public UtcTicksConverter()
        : base(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero))
    {
    }
}
