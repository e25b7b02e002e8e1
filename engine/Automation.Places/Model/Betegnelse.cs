namespace Automation.Places.Model;

/// <summary>
/// The DAR betegnelse of an address from its parts: "Vej 5, 1. tv, Supplerende bynavn, 8000 Aarhus C" (floor and
/// door, and the supplementary town name, only when given).
/// </summary>
internal static class Betegnelse
{
    private const int StackLimit = 256;

    /// <summary>The betegnelse composed from the parts.</summary>
    public static string Compose(string road, string house, string? floor, string? door, string? town, string postCode, string postName)
    {
        var length = Length(road, house, floor, door, town, postCode, postName);
        return string.Create(length, (road, house, floor, door, town, postCode, postName), static (span, p) =>
            Write(span, p.road, p.house, p.floor, p.door, p.town, p.postCode, p.postName));
    }

    /// <summary>The betegnelse written into <paramref name="buffer"/>; false (nothing written) when it does not fit.</summary>
    public static bool TryWrite(Span<char> buffer, string road, string house, string? floor, string? door, string? town, string postCode, string postName, out int written)
    {
        written = Length(road, house, floor, door, town, postCode, postName);
        if (written > buffer.Length)
        {
            written = 0;
            return false;
        }

        Write(buffer[..written], road, house, floor, door, town, postCode, postName);
        return true;
    }

    /// <summary><paramref name="text"/>, or null when it is exactly what <see cref="Compose"/> gives for the parts.</summary>
    public static string? KeepUnlessComposed(string text, string road, string house, string? floor, string? door, string? town, string postCode, string postName)
    {
        if (text is null || road is null || house is null || postCode is null || postName is null)
        {
            return text;
        }

        var length = Length(road, house, floor, door, town, postCode, postName);
        if (length != text.Length || length > StackLimit)
        {
            return text;
        }

        Span<char> composed = stackalloc char[length];
        Write(composed, road, house, floor, door, town, postCode, postName);
        return composed.SequenceEqual(text) ? null : text;
    }

    private static int Length(string road, string house, string? floor, string? door, string? town, string postCode, string postName)
    {
        var length = road.Length + 1 + house.Length;
        if (!string.IsNullOrEmpty(floor) || !string.IsNullOrEmpty(door))
        {
            length += 2;
            length += string.IsNullOrEmpty(floor) ? 0 : floor.Length + 1;
            length += string.IsNullOrEmpty(door) ? 0 : door.Length + (string.IsNullOrEmpty(floor) ? 0 : 1);
        }

        length += string.IsNullOrEmpty(town) ? 0 : town.Length + 2;
        return length + 2 + postCode.Length + 1 + postName.Length;
    }

    private static void Write(Span<char> span, string road, string house, string? floor, string? door, string? town, string postCode, string postName)
    {
        var at = 0;
        void Put(ReadOnlySpan<char> part, Span<char> into)
        {
            part.CopyTo(into[at..]);
            at += part.Length;
        }

        Put(road, span);
        Put(" ", span);
        Put(house, span);
        if (!string.IsNullOrEmpty(floor) || !string.IsNullOrEmpty(door))
        {
            Put(", ", span);
            if (!string.IsNullOrEmpty(floor))
            {
                Put(floor, span);
                Put(".", span);
            }

            if (!string.IsNullOrEmpty(door))
            {
                if (!string.IsNullOrEmpty(floor))
                {
                    Put(" ", span);
                }

                Put(door, span);
            }
        }

        if (!string.IsNullOrEmpty(town))
        {
            Put(", ", span);
            Put(town, span);
        }

        Put(", ", span);
        Put(postCode, span);
        Put(" ", span);
        Put(postName, span);
    }
}
