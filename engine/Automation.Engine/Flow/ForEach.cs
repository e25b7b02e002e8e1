using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Flow;

/// <summary>
/// Loops over a list: continues through Iterate once per item (the body connects back to the ForEach),
/// then through Done. The current item is stored in the chosen variable.
/// </summary>
[Activity("ForEach", "Flow", "For each", Description = "Runs the Iterate branch once per item, then continues through Done.", Outcomes = [ForEach.Iterate, Ports.Done])]
public sealed class ForEach : IActivity
{
    public const string Iterate = "Iterate";

    public static readonly Input<JsonArray> Items = new("items", "Items", DataType.Array) { Required = true, Editor = InputEditor.JavaScript };

    public static readonly Input<string> Variable = new("variable", "Current item variable", DataType.String) { AllowExpression = false, Editor = InputEditor.Variable };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        // A token coming back from the Iterate branch moves to the next item; any other arrival starts over.
        if (context.State is JsonObject state && context.IsReturningFrom(Iterate))
        {
            var index = state["index"]!.GetValue<int>() + 1;
            state["index"] = index;
            return Next(context, (JsonArray)state["items"]!, index);
        }

        var items = context.Get(Items)?.DeepClone().AsArray() ?? [];
        context.State = new JsonObject { ["items"] = items, ["index"] = 0 };
        return Next(context, items, 0);
    }

    private static ValueTask<ActivityResult> Next(ActivityContext context, JsonArray items, int index)
    {
        if (index >= items.Count)
        {
            context.State = null;
            return ValueTask.FromResult(ActivityResult.Done);
        }

        var variable = context.Get(Variable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, items[index]);
        }

        context.RecordOutput("index", index);
        return ValueTask.FromResult(ActivityResult.Outcome(Iterate));
    }
}
