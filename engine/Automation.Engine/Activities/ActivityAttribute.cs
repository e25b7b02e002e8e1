namespace Automation.Engine.Activities;

/// <summary>Declares a class as a workflow activity and gives the designer its metadata.</summary>
/// <param name="type">The type name stored in definitions, for example <c>Log</c>.</param>
/// <param name="category">The palette group, for example <c>Flow</c>.</param>
/// <param name="displayName">The name shown in the palette.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type, string category, string displayName) : Attribute
{
    public string Type { get; } = type;

    public string Category { get; } = category;

    public string DisplayName { get; } = displayName;

    public string? Description { get; set; }

    /// <summary>Outcome ports that always exist. Activities with ports that depend on their inputs also implement <see cref="IDynamicOutcomes"/>.</summary>
    public string[] Outcomes { get; set; } = [Ports.Done];

    /// <summary>A Join-like activity: several connections may enter it and it decides when to continue.</summary>
    public bool IsJoin { get; set; }

    /// <summary>Where a flow begins when no other start is given.</summary>
    public bool IsStart { get; set; }
}

/// <summary>Well-known port names.</summary>
public static class Ports
{
    public const string Done = "Done";
    public const string True = "True";
    public const string False = "False";
    public const string Default = "Default";
}
