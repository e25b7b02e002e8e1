using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Automation.Benchmarks.Engine.Peer;

/// <summary>The data object of the peer's flows: the counter each step increments.</summary>
internal sealed class CounterData
{
    public int Counter { get; set; }
}

/// <summary>
/// N steps in a row, each incrementing the counter. Inline steps are WorkflowCore's cheapest kind
/// (no step-body class to resolve from the container), so the peer gets its best case.
/// </summary>
internal sealed class SequentialWorkflow(int steps) : IWorkflow<CounterData>
{
    public string Id => IdFor(steps);

    public int Version => 1;

    public static string IdFor(int steps) => $"sequential-{steps}";

    public void Build(IWorkflowBuilder<CounterData> builder)
    {
        var step = builder.StartWith(Increment);
        for (var i = 1; i < steps; i++)
        {
            step = step.Then(Increment);
        }
    }

    private static ExecutionResult Increment(IStepExecutionContext context)
    {
        ((CounterData)context.Workflow.Data).Counter++;
        return ExecutionResult.Next();
    }
}
