using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Automation.Server.Storage;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks, as the engine's tables do: SQLite has no date type, and ticks compare in SQL.</summary>
internal sealed class UtcTicksConverter : ValueConverter<DateTimeOffset, long>
{
    public UtcTicksConverter()
        : base(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero))
    {
    }
}
