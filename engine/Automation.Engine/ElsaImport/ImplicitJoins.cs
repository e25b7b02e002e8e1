using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.ElsaImport;

/// <summary>
/// Elsa runs an activity that several connections enter once, when every incoming path has come in; our runtime runs it
/// for each arriving token unless a Join stands in front. This puts a WaitAll Join in front of such an activity when its
/// incoming paths run in parallel (they split at one port, or at a Fork). Paths that are alternatives (different ports of
/// a decision) and loop-back connections are left alone: there the activity already runs once per pass.
/// </summary>
internal static class ImplicitJoins
{
    private const string JoinType = "Join";
    private const string ForkType = "Fork";

    public static void Insert(List<ActivityNode> nodes, List<Connection> connections, string entry, Func<string, string> newId)
    {
        var graph = new Graph(connections);
        var dominators = Dominators(graph, entry);
        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

        foreach (var node in nodes.ToList())
        {
            if (node.Type == JoinType || !dominators.ContainsKey(node.Id))
            {
                continue;
            }

            // Connections coming back from inside a loop are not merges: the target dominates their source.
            var forward = connections
                .Where(c => c.Target.Activity == node.Id && dominators.ContainsKey(c.Source.Activity) && !Dominates(dominators, node.Id, c.Source.Activity))
                .ToList();
            if (forward.Count < 2)
            {
                continue;
            }

            var split = forward.Select(c => c.Source.Activity).Aggregate((x, y) => CommonDominator(dominators, x, y));
            if (!IsParallelSplit(graph, dominators, byId[split], forward))
            {
                continue;
            }

            var join = new ActivityNode
            {
                Id = newId($"{node.Id}-join"),
                Type = JoinType,
                Name = "Join (implicit in Elsa)",
                Inputs = { ["mode"] = "WaitAll" },
                Metadata = ElsaImportSession.OffsetDesigner(node.Metadata, -80),
            };
            nodes.Insert(nodes.IndexOf(node), join);
            foreach (var connection in forward)
            {
                connection.Target = new Endpoint { Activity = join.Id };
            }

            connections.Add(new Connection
            {
                Source = new Endpoint { Activity = join.Id, Port = Ports.Done },
                Target = new Endpoint { Activity = node.Id },
            });
        }
    }

    /// <summary>Whether the incoming connections all go on after <paramref name="split"/> together, rather than as alternatives.</summary>
    private static bool IsParallelSplit(Graph graph, Dictionary<string, string> dominators, ActivityNode split, List<Connection> incoming)
    {
        if (split.Type == ForkType)
        {
            return true;
        }

        var ports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connection in incoming)
        {
            if (connection.Source.Activity == split.Id)
            {
                ports.Add(Port(connection));
                continue;
            }

            foreach (var leaving in graph.Outgoing(split.Id))
            {
                // Skip loop-back connections of the split itself.
                if (Dominates(dominators, leaving.Target.Activity, split.Id))
                {
                    continue;
                }

                if (graph.Reaches(leaving.Target.Activity, connection.Source.Activity, avoid: split.Id))
                {
                    ports.Add(Port(leaving));
                }
            }
        }

        return ports.Count == 1;
    }

    private static string Port(Connection connection) => string.IsNullOrEmpty(connection.Source.Port) ? Ports.Done : connection.Source.Port;

    /// <summary>Immediate dominators (Cooper, Harvey and Kennedy) of the activities reachable from <paramref name="entry"/>; the entry maps to itself.</summary>
    private static Dictionary<string, string> Dominators(Graph graph, string entry)
    {
        var order = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { entry };
        var stack = new Stack<(string Node, int Next)>();
        stack.Push((entry, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var outgoing = graph.Outgoing(node);
            if (next < outgoing.Count)
            {
                stack.Push((node, next + 1));
                var target = outgoing[next].Target.Activity;
                if (visited.Add(target))
                {
                    stack.Push((target, 0));
                }

                continue;
            }

            order.Add(node);
        }

        order.Reverse();
        var index = order.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var idom = new Dictionary<string, string>(StringComparer.Ordinal) { [entry] = entry };
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var node in order.Skip(1))
            {
                string? candidate = null;
                foreach (var predecessor in graph.Incoming(node))
                {
                    if (!idom.ContainsKey(predecessor))
                    {
                        continue;
                    }

                    candidate = candidate is null ? predecessor : Intersect(idom, index, predecessor, candidate);
                }

                if (candidate is not null && (!idom.TryGetValue(node, out var current) || current != candidate))
                {
                    idom[node] = candidate;
                    changed = true;
                }
            }
        }

        return idom;
    }

    private static string Intersect(Dictionary<string, string> idom, Dictionary<string, int> index, string a, string b)
    {
        while (a != b)
        {
            while (index[a] > index[b])
            {
                a = idom[a];
            }

            while (index[b] > index[a])
            {
                b = idom[b];
            }
        }

        return a;
    }

    private static bool Dominates(Dictionary<string, string> idom, string dominator, string node)
    {
        var current = node;
        while (true)
        {
            if (current == dominator)
            {
                return true;
            }

            var parent = idom[current];
            if (parent == current)
            {
                return false;
            }

            current = parent;
        }
    }

    private static string CommonDominator(Dictionary<string, string> idom, string a, string b)
    {
        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        for (var current = a; ancestors.Add(current) && idom[current] != current; current = idom[current])
        {
        }

        var candidate = b;
        while (!ancestors.Contains(candidate))
        {
            candidate = idom[candidate];
        }

        return candidate;
    }

    /// <summary>Connections by source and by target.</summary>
    private sealed class Graph
    {
        private readonly Dictionary<string, List<Connection>> _outgoing = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _incoming = new(StringComparer.Ordinal);

        public Graph(IEnumerable<Connection> connections)
        {
            foreach (var connection in connections)
            {
                if (!_outgoing.TryGetValue(connection.Source.Activity, out var outs))
                {
                    _outgoing[connection.Source.Activity] = outs = [];
                }

                outs.Add(connection);
                if (!_incoming.TryGetValue(connection.Target.Activity, out var ins))
                {
                    _incoming[connection.Target.Activity] = ins = [];
                }

                ins.Add(connection.Source.Activity);
            }
        }

        public List<Connection> Outgoing(string node) => _outgoing.TryGetValue(node, out var list) ? list : [];

        public List<string> Incoming(string node) => _incoming.TryGetValue(node, out var list) ? list : [];

        /// <summary>Whether <paramref name="to"/> can be reached from <paramref name="from"/> without passing <paramref name="avoid"/>.</summary>
        public bool Reaches(string from, string to, string avoid)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            stack.Push(from);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current == to)
                {
                    return true;
                }

                if (current == avoid || !seen.Add(current))
                {
                    continue;
                }

                foreach (var connection in Outgoing(current))
                {
                    stack.Push(connection.Target.Activity);
                }
            }

            return false;
        }
    }
}
