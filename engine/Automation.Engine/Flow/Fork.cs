using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Flow;

/// <summary>Continues through every named branch at once.</summary>
[Activity("Fork", "Flow", "Fork", Description = "Splits the flow into named branches that all run.", Outcomes = [])]
public sealed class Fork : IActivity, IDynamicOutcomes
{
    public static readonly Input<string[]> Branches = new("branches", "Branches", DataType.Array) { Required = true, AllowExpression = false, Editor = InputEditor.StringList };

    public IReadOnlyList<string> OutcomesFor(ActivityNode node) =>
        node.Inputs.TryGetValue(Branches.Name, out var branches) && branches is JsonArray array
            ? array.Select(JsonValueConverter.AsText).Where(b => b.Length > 0).ToList()
            : [];

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Outcomes(context.Get(Branches) ?? []));
}
