namespace Automation.Places.Import;

/// <summary>The kinds of meeting point the registry knows; anything else is rejected so typos do not create new kinds.</summary>
public static class MeetingPointKinds
{
    /// <summary>A hospital entrance (the Eurostat hospital list is imported as this).</summary>
    public const string HospitalEntrance = "hospital-entrance";

    /// <summary>Every known kind.</summary>
    public static IReadOnlyList<string> All { get; } = [HospitalEntrance, "emergency-department", "pick-up-point", "drop-off-point", "clinic", "care-home"];

    /// <summary>True when <paramref name="kind"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
