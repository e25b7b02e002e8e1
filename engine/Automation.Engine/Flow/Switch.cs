using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;

namespace Automation.Engine.Flow;

/// <summary>
/// Continues through the first case whose condition holds (or every such case in MatchAny mode), else Default.
/// Cases are <c>[{"name": "Urgent", "condition": {"js": "..."}}]</c>; each case name is a port.
/// </summary>
[Activity("Switch", "Flow", "Switch", Description = "Chooses a path by case conditions; Default when none holds.", Outcomes = [Ports.Default])]
public sealed class Switch : IActivity, IDynamicOutcomes
{
    public static readonly Input<JsonArray> Cases = new("cases", "Cases", DataType.Array) { Required = true, AllowExpression = false, Editor = InputEditor.Json };

    public static readonly Input<string> Mode = new("mode", "Mode", DataType.String) { Default = "MatchFirst", Options = ["MatchFirst", "MatchAny"], Editor = InputEditor.Dropdown, AllowExpression = false };

    public IReadOnlyList<string> OutcomesFor(ActivityNode node) =>
        node.Inputs.TryGetValue(Cases.Name, out var cases) && cases is JsonArray array
            ? array.OfType<JsonObject>().Select(c => JsonValueConverter.AsText(c["name"])).Where(n => n.Length > 0).ToList()
            : [];

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var cases = context.Get(Cases) ?? [];
        var matchAny = context.Get(Mode) == "MatchAny";
        var matched = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i] is not JsonObject @case)
            {
                continue;
            }

            var name = JsonValueConverter.AsText(@case["name"]);
            if (Holds(context, @case["condition"], $"cases[{i}].condition"))
            {
                matched.Add(name);
                if (!matchAny)
                {
                    break;
                }
            }
        }

        return ValueTask.FromResult(matched.Count == 0 ? ActivityResult.Outcome(Ports.Default) : ActivityResult.Outcomes(matched));
    }

    private static bool Holds(ActivityContext context, JsonNode? condition, string inputName)
    {
        var value = ExpressionInput.TryGetScript(condition, out var script) ? context.Evaluate(script, inputName) : condition;
        return JsonValueConverter.TryCoerce(value, DataType.Boolean, out var b, out _) && b is JsonValue v && v.GetValue<bool>();
    }
}
