using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Runtime;

/// <summary>Checks and binds the values a caller gives for a workflow's declared inputs.</summary>
public static class WorkflowInputs
{
    /// <summary>
    /// The instance's input: declared inputs converted to their types or given their defaults, undeclared ones kept
    /// (Elsa flows read inputs they never declared).
    /// </summary>
    /// <exception cref="WorkflowInputException">A required input is missing or a value has the wrong type; names every one.</exception>
    public static JsonObject Bind(WorkflowDefinition definition, JsonObject given)
    {
        var bound = new JsonObject();
        var problems = new List<string>();
        foreach (var declared in definition.Inputs)
        {
            if (given.TryGetPropertyValue(declared.Name, out var value) && value is not null)
            {
                if (JsonValueConverter.TryCoerce(value, declared.Type, out var coerced, out var error))
                {
                    bound[declared.Name] = coerced?.DeepClone();
                }
                else
                {
                    problems.Add($"input '{declared.Name}': {error}");
                }
            }
            else if (declared.Default is not null)
            {
                bound[declared.Name] = declared.Default.DeepClone();
            }
            else if (declared.Required)
            {
                problems.Add($"input '{declared.Name}' is required ({declared.Type.ToString().ToLowerInvariant()})");
            }
        }

        foreach (var (name, value) in given)
        {
            if (!bound.ContainsKey(name) && definition.Inputs.TrueForAll(i => i.Name != name))
            {
                // Undeclared inputs are kept: Elsa flows read inputs they never declared.
                bound[name] = value?.DeepClone();
            }
        }

        if (problems.Count > 0)
        {
            throw new WorkflowInputException($"Workflow '{definition.Id}' cannot start: {string.Join("; ", problems)}.");
        }

        return bound;
    }
}
