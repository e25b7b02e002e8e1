using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Benchmarks.Engine.Ours;

/// <summary>
/// Benchmark-only activity: adds one to an integer variable, the same work as the peer's step.
/// It goes through the public activity API (typed input, GetVariable, SetVariable with type check and journal record),
/// so it measures the runtime as a real activity uses it, without JavaScript.
/// </summary>
[Activity("Bench.Increment", "Benchmark", "Increment", Description = "Adds one to an integer variable.")]
internal sealed class Increment : IActivity
{
    public static readonly Input<string> Variable = new("variable", "Variable", DataType.String) { Required = true, AllowExpression = false, Editor = InputEditor.Variable };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = context.Get(Variable)!;
        var current = context.GetVariable(name)?.GetValue<long>() ?? 0;
        context.SetVariable(name, JsonValue.Create(current + 1));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
