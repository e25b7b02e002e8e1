using Automation.Engine.Persistence;

namespace Automation.Data.Schema;

/// <summary>One version of a workflow definition: version 0 is the draft, 1 and up are published and never change.</summary>
public sealed class DefinitionRow
{
    public string Id { get; set; } = "";

    public int Version { get; set; }

    public DefinitionState State { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The definition as compact JSON (<c>WorkflowJson.Compact</c>), with <see cref="Version"/> in it.</summary>
    public string Content { get; set; } = "";

    /// <summary>SHA-256 of the content without its version number, to spot an unchanged re-publish.</summary>
    public string ContentHash { get; set; } = "";

    public DateTimeOffset SavedAt { get; set; }
}
