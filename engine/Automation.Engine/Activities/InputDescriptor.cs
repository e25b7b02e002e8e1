using System.Text.Json.Nodes;
using Automation.Engine.Definitions;

namespace Automation.Engine.Activities;

/// <summary>How the designer edits an input.</summary>
public enum InputEditor
{
    Text,
    MultilineText,
    Number,
    Boolean,
    Dropdown,
    Json,
    JavaScript,
    Variable,
    StringList,
    Credential,
    Selector,
    Duration,
}

/// <summary>Describes one input of an activity: name, type, default and how it is edited.</summary>
public abstract class InputDescriptor
{
    protected InputDescriptor(string name, string displayName, DataType type)
    {
        Name = name;
        DisplayName = displayName;
        Type = type;
    }

    /// <summary>The key in the activity node's <c>inputs</c> object.</summary>
    public string Name { get; }

    public string DisplayName { get; }

    public DataType Type { get; }

    public string? Description { get; init; }

    public bool Required { get; init; }

    /// <summary>Whether an expression may be given instead of a literal. <value>true</value></summary>
    public bool AllowExpression { get; init; } = true;

    public InputEditor Editor { get; init; } = InputEditor.Text;

    /// <summary>Choices for <see cref="InputEditor.Dropdown"/>.</summary>
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>
    /// Checks a literal value when the workflow is validated (before publish), so a mistake shows on the canvas rather
    /// than when the activity runs: returns what is wrong with the value, or null when it is fine.
    /// </summary>
    public Func<JsonNode, string?>? CheckLiteral { get; init; }

    /// <summary>The default as JSON, for the descriptor the designer reads.</summary>
    public abstract JsonNode? DefaultJson { get; }
}

/// <summary>A typed input. Activities declare these as static fields and read them with <see cref="ActivityContext.Get{T}(Input{T})"/>.</summary>
public sealed class Input<T> : InputDescriptor
{
    public Input(string name, string displayName, DataType type)
        : base(name, displayName, type)
    {
    }

    /// <summary>The value used when the node does not set this input.</summary>
    public T? Default { get; init; }

    public override JsonNode? DefaultJson => Default is null ? null : JsonValueConverter.ToNode(Default);
}
