using System.Text.Json.Nodes;
using Automation.Engine.Definitions;

namespace Automation.Benchmarks.Engine.Ours;

/// <summary>The benchmark flows in our definition format.</summary>
internal static class Flows
{
    public const string Counter = "counter";

    /// <summary><paramref name="steps"/> Increment activities connected Done → next, no Start or End around them.</summary>
    public static WorkflowDefinition Sequential(int steps)
    {
        var definition = new WorkflowDefinition
        {
            Id = $"sequential-{steps}",
            Name = $"{steps} increments in a row",
            Version = 1,
            Variables = [new VariableDefinition { Name = Counter, Type = DataType.Integer, Default = JsonValue.Create(0L) }],
        };
        for (var i = 1; i <= steps; i++)
        {
            definition.Root.Activities.Add(new ActivityNode
            {
                Id = $"step{i}",
                Type = "Bench.Increment",
                Inputs = { [Increment.Variable.Name] = JsonValue.Create(Counter) },
            });
            if (i > 1)
            {
                definition.Root.Connections.Add(new Connection
                {
                    Source = new Endpoint { Activity = $"step{i - 1}", Port = "Done" },
                    Target = new Endpoint { Activity = $"step{i}" },
                });
            }
        }

        return definition;
    }
}
