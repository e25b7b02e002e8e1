using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Expressions;

/// <summary>Runs a script; it may set variables and outputs, and choose outcomes with <c>setOutcome('Name')</c>.</summary>
[Activity("RunJavaScript", "Scripting", "Run JavaScript", Description = "Runs JavaScript in the sandbox. Use setOutcome('Name') to choose a port listed under Outcomes.")]
public sealed class RunJavaScript : IActivity, IDynamicOutcomes
{
    public static readonly Input<string> Script = new("script", "Script", DataType.String) { Required = true, AllowExpression = false, Editor = InputEditor.JavaScript };

    public static readonly Input<string[]> PossibleOutcomes = new("outcomes", "Outcomes", DataType.Array) { AllowExpression = false, Editor = InputEditor.StringList };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store result in", DataType.String) { AllowExpression = false, Editor = InputEditor.Variable };

    public IReadOnlyList<string> OutcomesFor(ActivityNode node) =>
        node.Inputs.TryGetValue(PossibleOutcomes.Name, out var outcomes) && outcomes is System.Text.Json.Nodes.JsonArray array
            ? array.Select(JsonValueConverter.AsText).Where(o => o.Length > 0).ToList()
            : [];

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        context.CollectOutcomes();
        var result = context.Evaluate(context.Get(Script) ?? "", Script.Name);
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, result);
        }
        else
        {
            context.RecordOutput("result", result);
        }

        var chosen = context.ChosenOutcomes!.Distinct(StringComparer.Ordinal).ToList();
        var listed = OutcomesFor(context.Node);
        var unknown = chosen.Where(o => o != Ports.Done && !listed.Contains(o, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new Runtime.WorkflowFaultException(
                $"The script of activity '{context.ActivityId}' chose outcome {string.Join(", ", unknown.Select(o => $"'{o}'"))}, which is not listed under its outcomes ({(listed.Count == 0 ? "none" : string.Join(", ", listed))}); add it there or fix the name in setOutcome().");
        }

        return ValueTask.FromResult(chosen.Count == 0 ? ActivityResult.Done : ActivityResult.Outcomes(chosen));
    }
}
