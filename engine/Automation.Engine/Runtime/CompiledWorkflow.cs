using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Automation.Engine.Runtime;

/// <summary>A validated definition prepared for execution: nodes by id, connections by port, resilience pipelines.</summary>
internal sealed class CompiledWorkflow
{
    private readonly Dictionary<(string Activity, string Port), HashSet<string>> _reachableFromPort = [];
    private readonly Dictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);

    public CompiledWorkflow(WorkflowDefinition definition, ActivityRegistry registry, TimeProvider clock)
    {
        Definition = definition;
        Graph = FlowGraph.Build(definition, registry);
        foreach (var variable in definition.Variables)
        {
            Variables[variable.Name] = variable;
        }

        foreach (var node in definition.Root.Activities)
        {
            registry.TryGet(node.Type, out var activity);
            Nodes[node.Id] = new CompiledNode(node, activity!, BuildPipeline(node.Resilience, clock));
        }

        foreach (var connection in definition.Root.Connections)
        {
            var port = string.IsNullOrEmpty(connection.Source.Port) ? Ports.Done : connection.Source.Port;
            var source = Nodes[connection.Source.Activity];
            if (!source.Outgoing.TryGetValue(port, out var targets))
            {
                source.Outgoing[port] = targets = [];
            }

            targets.Add(connection.Target.Activity);
            Nodes[connection.Target.Activity].Inbound.Add((connection.Source.Activity, port));
        }
    }

    public WorkflowDefinition Definition { get; }

    public FlowGraph Graph { get; }

    public Dictionary<string, CompiledNode> Nodes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, VariableDefinition> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a token coming from <paramref name="source"/> got there through <paramref name="activity"/>'s <paramref name="port"/> (a loop body returning).</summary>
    public bool IsDownstreamOf(string activity, string port, string? source)
    {
        if (source is null)
        {
            return false;
        }

        HashSet<string>? reachable;
        lock (_reachableFromPort)
        {
            if (!_reachableFromPort.TryGetValue((activity, port), out reachable))
            {
                _reachableFromPort[(activity, port)] = reachable = Graph.ReachableFromPort(activity, port);
            }
        }

        return reachable.Contains(source);
    }

    public HashSet<string> AncestorsOf(string activity)
    {
        lock (_ancestors)
        {
            if (!_ancestors.TryGetValue(activity, out var ancestors))
            {
                _ancestors[activity] = ancestors = Graph.AncestorsOf(activity);
            }

            return ancestors;
        }
    }

    private static ResiliencePipeline? BuildPipeline(ResilienceSettings? settings, TimeProvider clock)
    {
        if (settings is null || (settings.RetryCount <= 0 && settings.Timeout is null))
        {
            return null;
        }

        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (settings.RetryCount > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.RetryCount,
                Delay = settings.RetryDelay,
                BackoffType = settings.ExponentialBackoff ? DelayBackoffType.Exponential : DelayBackoffType.Constant,
                UseJitter = false,

                // An expression error or a deliberate Fault is the same on every attempt: retrying only delays the incident.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not ExpressionException and not WorkflowFaultException and not OperationCanceledException || ex is TimeoutRejectedException),
            });
        }

        if (settings.Timeout is { } timeout)
        {
            builder.AddTimeout(timeout);
        }

        return builder.Build();
    }
}

/// <summary>One activity node ready to run.</summary>
internal sealed class CompiledNode(ActivityNode node, RegisteredActivity activity, ResiliencePipeline? pipeline)
{
    public ActivityNode Node { get; } = node;

    public RegisteredActivity Activity { get; } = activity;

    public ResiliencePipeline? Pipeline { get; } = pipeline;

    public Dictionary<string, List<string>> Outgoing { get; } = new(StringComparer.Ordinal);

    public List<(string Activity, string Port)> Inbound { get; } = [];

    public JsonNode? RawInput(string name) => Node.Inputs.TryGetValue(name, out var value) ? value : null;
}
