using Automation.Engine.Activities;

namespace Automation.Engine.Definitions;

/// <summary>The flowchart as a directed graph: entry point, reachability and cycles. Connections to unknown activities are ignored.</summary>
public sealed class FlowGraph
{
    private readonly Dictionary<string, List<(string Port, string To)>> _outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _incoming = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    private FlowGraph()
    {
    }

    /// <summary>Where a run starts: the first Start-like activity, else the first activity nothing leads to, else the first activity.</summary>
    public string? Entry { get; private set; }

    public IReadOnlyList<string> Activities => _order;

    public static FlowGraph Build(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var graph = new FlowGraph();
        foreach (var node in definition.Root.Activities)
        {
            if (string.IsNullOrEmpty(node.Id) || graph._outgoing.ContainsKey(node.Id))
            {
                continue;
            }

            graph._order.Add(node.Id);
            graph._outgoing[node.Id] = [];
            graph._incoming[node.Id] = [];
        }

        foreach (var connection in definition.Root.Connections)
        {
            if (graph._outgoing.TryGetValue(connection.Source.Activity, out var outs) && graph._incoming.TryGetValue(connection.Target.Activity, out var ins))
            {
                outs.Add((string.IsNullOrEmpty(connection.Source.Port) ? Ports.Done : connection.Source.Port, connection.Target.Activity));
                ins.Add(connection.Source.Activity);
            }
        }

        var startLike = definition.Root.Activities.FirstOrDefault(n => registry.TryGet(n.Type, out var a) && a.Descriptor.IsStart);
        graph.Entry = startLike?.Id
            ?? graph._order.FirstOrDefault(id => graph._incoming[id].Count == 0)
            ?? graph._order.FirstOrDefault();
        return graph;
    }

    public IReadOnlyList<(string Port, string To)> Outgoing(string activity) =>
        _outgoing.TryGetValue(activity, out var list) ? list : [];

    public IReadOnlyList<string> Incoming(string activity) =>
        _incoming.TryGetValue(activity, out var list) ? list : [];

    /// <summary>Activities reachable from the entry (including it).</summary>
    public HashSet<string> ReachableFromEntries() =>
        Entry is null ? [] : Reachable([Entry], null);

    /// <summary>Activities reachable from <paramref name="activity"/>'s <paramref name="port"/> (not including the activity unless a path returns to it).</summary>
    public HashSet<string> ReachableFromPort(string activity, string port) =>
        Reachable(Outgoing(activity).Where(e => e.Port == port).Select(e => e.To), null);

    /// <summary>Activities from which <paramref name="activity"/> can be reached without passing through it.</summary>
    public HashSet<string> AncestorsOf(string activity)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(Incoming(activity));
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == activity || !seen.Add(current))
            {
                continue;
            }

            foreach (var from in Incoming(current))
            {
                stack.Push(from);
            }
        }

        return seen;
    }

    /// <summary>Strongly connected components that form loops (more than one activity, or one that connects to itself).</summary>
    public IReadOnlyList<HashSet<string>> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<HashSet<string>>();

        // Iterative Tarjan: a recursive one would overflow the stack on a long generated flow.
        foreach (var root in _order)
        {
            if (indices.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Edge)>();
            work.Push((root, 0));
            indices[root] = low[root] = index++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                var outs = _outgoing[node];
                if (edge < outs.Count)
                {
                    work.Push((node, edge + 1));
                    var next = outs[edge].To;
                    if (!indices.TryGetValue(next, out var nextIndex))
                    {
                        indices[next] = low[next] = index++;
                        stack.Push(next);
                        onStack.Add(next);
                        work.Push((next, 0));
                    }
                    else if (onStack.Contains(next))
                    {
                        low[node] = Math.Min(low[node], nextIndex);
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == indices[node])
                {
                    var component = new HashSet<string>(StringComparer.Ordinal);
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);

                    if (component.Count > 1 || outs.Exists(e => e.To == node))
                    {
                        result.Add(component);
                    }
                }
            }
        }

        return result;
    }

    private HashSet<string> Reachable(IEnumerable<string> from, string? stopAt)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(from);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current) || current == stopAt)
            {
                continue;
            }

            foreach (var (_, to) in Outgoing(current))
            {
                stack.Push(to);
            }
        }

        return seen;
    }
}
