using System.Diagnostics.CodeAnalysis;

namespace Automation.Engine.Activities;

/// <summary>An activity implementation with its descriptor.</summary>
public sealed record RegisteredActivity(ActivityDescriptor Descriptor, IActivity Instance);

/// <summary>All activity types the runtime can execute, by type name.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, RegisteredActivity> _byType = new(StringComparer.Ordinal);

    public ActivityRegistry(IEnumerable<IActivity> activities)
    {
        foreach (var activity in activities)
        {
            Register(activity);
        }
    }

    public IEnumerable<ActivityDescriptor> Descriptors => _byType.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.DisplayName);

    public void Register(IActivity activity)
    {
        var descriptor = ActivityDescriptor.For(activity.GetType());
        if (!_byType.TryAdd(descriptor.Type, new RegisteredActivity(descriptor, activity)))
        {
            throw new InvalidOperationException($"Two activities are registered with type name '{descriptor.Type}'; type names must be unique.");
        }
    }

    public bool TryGet(string type, [NotNullWhen(true)] out RegisteredActivity? activity) => _byType.TryGetValue(type, out activity);

    /// <summary>Every port a node of this type offers, given its inputs.</summary>
    public static IReadOnlyList<string> OutcomesOf(RegisteredActivity activity, Definitions.ActivityNode node) =>
        activity.Instance is IDynamicOutcomes dynamic
            ? activity.Descriptor.Outcomes.Concat(dynamic.OutcomesFor(node)).Distinct(StringComparer.Ordinal).ToList()
            : activity.Descriptor.Outcomes;
}
