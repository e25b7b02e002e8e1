using System.Reflection;

namespace Automation.Engine.Activities;

/// <summary>What the designer and the validator know about an activity type.</summary>
public sealed class ActivityDescriptor
{
    private ActivityDescriptor(ActivityAttribute attribute, IReadOnlyList<InputDescriptor> inputs, bool dynamicOutcomes, bool blocking)
    {
        Type = attribute.Type;
        Category = attribute.Category;
        DisplayName = attribute.DisplayName;
        Description = attribute.Description;
        Outcomes = attribute.Outcomes;
        IsJoin = attribute.IsJoin;
        IsStart = attribute.IsStart;
        Inputs = inputs;
        HasDynamicOutcomes = dynamicOutcomes;
        IsBlocking = blocking;
    }

    public string Type { get; }

    public string Category { get; }

    public string DisplayName { get; }

    public string? Description { get; }

    public IReadOnlyList<InputDescriptor> Inputs { get; }

    /// <summary>Ports that always exist; activities with <see cref="HasDynamicOutcomes"/> add more from their inputs.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    public bool HasDynamicOutcomes { get; }

    public bool IsJoin { get; }

    public bool IsStart { get; }

    /// <summary>Creates bookmarks (the instance may suspend here).</summary>
    public bool IsBlocking { get; }

    /// <summary>Builds the descriptor of <paramref name="activityType"/> from its attribute and its static <see cref="InputDescriptor"/> fields.</summary>
    public static ActivityDescriptor For(Type activityType)
    {
        var attribute = activityType.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{activityType.Name} has no [Activity] attribute; add one to give it a type name and category.");
        var inputs = activityType
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(InputDescriptor).IsAssignableFrom(f.FieldType))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (InputDescriptor)f.GetValue(null)!)
            .ToList();
        return new ActivityDescriptor(
            attribute,
            inputs,
            typeof(IDynamicOutcomes).IsAssignableFrom(activityType),
            typeof(IResumable).IsAssignableFrom(activityType));
    }

    public InputDescriptor? FindInput(string name)
    {
        foreach (var input in Inputs)
        {
            if (string.Equals(input.Name, name, StringComparison.Ordinal))
            {
                return input;
            }
        }

        return null;
    }
}
