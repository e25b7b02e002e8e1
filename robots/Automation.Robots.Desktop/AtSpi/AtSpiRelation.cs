namespace Automation.Robots.Desktop.AtSpi;

/// <summary>AT-SPI relation types (AtspiRelationType) used by the driver.</summary>
public enum AtSpiRelation
{
    Null = 0,
    LabelFor = 1,
    LabelledBy = 2,
    ControllerFor = 3,
    ControlledBy = 4,
    MemberOf = 5,
}

/// <summary>One relation of an object: its type and the objects it points to.</summary>
public sealed record Relation(int Type, IReadOnlyList<AccessibleRef> Targets)
{
    public bool Is(AtSpiRelation type) => Type == (int)type;
}

/// <summary>A rectangle in screen pixels (Component.GetExtents with screen coordinates).</summary>
public readonly record struct Extents(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public int CenterX => X + (Width / 2);

    public int CenterY => Y + (Height / 2);

    public bool IsEmpty => Width <= 0 || Height <= 0;
}
