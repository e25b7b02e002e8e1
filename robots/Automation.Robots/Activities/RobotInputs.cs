using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Robots.Activities;

/// <summary>Inputs that every robot activity shares; each activity exposes them as its own static fields for the designer.</summary>
public static class RobotInputs
{
    public const string Category = "Robots";

    public static Input<string> Target { get; } = new("target", "Target system", DataType.String)
    {
        Required = true,
        Description = "The target system's name under Automation:Robots:Targets; its session must be opened by Open first.",
    };

    public static Input<JsonNode> Selector { get; } = new("selector", "Selector", DataType.Any)
    {
        Required = true,
        Editor = InputEditor.Selector,
        CheckLiteral = CheckSelector,
        Description = "Ordered candidates such as [{\"role\": \"button\", \"name\": \"Gem\"}, {\"label\": \"CPR-nummer\"}, {\"css\": \"#save\"}]; the first that matches exactly one element wins.",
    };

    /// <summary>A selector written into the workflow is parsed when the workflow is validated, so publish refuses a broken one.</summary>
    internal static string? CheckSelector(JsonNode literal)
    {
        try
        {
            _ = Selectors.Selector.Parse(literal);
            return null;
        }
        catch (Selectors.SelectorException ex)
        {
            return ex.Message;
        }
    }

    public static Input<string> Timeout { get; } = new("timeout", "Timeout", DataType.String)
    {
        Editor = InputEditor.Duration,
        Description = "How long to wait for the element to be ready, such as 00:00:10; the robots' default when empty.",
    };

    public static Input<string> Variable(string description) => new("variable", "Store in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = description,
    };
}
