using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Primitives;

/// <summary>Sets a workflow variable.</summary>
[Activity("SetVariable", "Primitives", "Set variable", Description = "Sets a workflow variable to a value or the result of an expression.")]
public sealed class SetVariable : IActivity
{
    public static readonly Input<string> Variable = new("variable", "Variable", DataType.String) { Required = true, AllowExpression = false, Editor = InputEditor.Variable };

    public static readonly Input<JsonNode> Value = new("value", "Value", DataType.Any) { Editor = InputEditor.JavaScript };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = context.Get(Variable)!;
        context.SetVariable(name, context.Get(Value, context.IsPersonalVariable(name)));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
