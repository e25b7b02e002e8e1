using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Primitives;

/// <summary>Sets one of the workflow's outputs.</summary>
[Activity("SetOutput", "Primitives", "Set output", Description = "Sets a workflow output, returned to the caller when the workflow finishes.")]
public sealed class SetOutput : IActivity
{
    public static readonly Input<string> Output = new("output", "Output", DataType.String) { Required = true, AllowExpression = false };

    public static readonly Input<JsonNode> Value = new("value", "Value", DataType.Any) { Editor = InputEditor.JavaScript };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        context.SetOutput(context.Get(Output)!, context.Get(Value));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
