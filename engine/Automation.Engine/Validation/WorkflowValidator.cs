using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;

namespace Automation.Engine.Validation;

/// <summary>
/// Finds every problem in a definition before it is stored or run: unknown activity types, dangling connections,
/// missing or mistyped inputs, expression syntax errors, unreachable activities and cycles without a way out.
/// </summary>
public sealed partial class WorkflowValidator(ActivityRegistry registry, IExpressionEvaluator expressions)
{
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        CheckHeader(definition, problems);
        var nodes = CheckActivities(definition, problems);
        var edges = CheckConnections(definition, nodes, problems);
        if (problems.Count == 0 || problems.TrueForAll(p => p.Severity == Severity.Warning))
        {
            CheckGraph(definition, nodes, edges, problems);
        }

        return problems;
    }

    /// <summary>Throws <see cref="WorkflowDefinitionException"/> naming every error; warnings pass.</summary>
    public void EnsureValid(WorkflowDefinition definition, string source)
    {
        var errors = Validate(definition).Where(p => p.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new WorkflowDefinitionException(source, errors);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.\\-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex NamePattern();

    private static void CheckHeader(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(definition.Id) || !IdPattern().IsMatch(definition.Id))
        {
            problems.Add(new("$.id", "the workflow needs an id of letters, digits, '-', '_' or '.', starting with a letter or digit"));
        }

        CheckNames(definition.Variables.Select(v => v.Name), "$.variables", "variable", problems);
        CheckNames(definition.Inputs.Select(v => v.Name), "$.inputs", "input", problems);
        CheckNames(definition.Outputs.Select(v => v.Name), "$.outputs", "output", problems);
        for (var i = 0; i < definition.Variables.Count; i++)
        {
            var variable = definition.Variables[i];
            if (variable.Default is not null && !JsonValueConverter.TryCoerce(variable.Default, variable.Type, out _, out var error))
            {
                problems.Add(new($"$.variables[{i}].default", $"default of variable '{variable.Name}': {error}"));
            }
        }

        if (definition.Root.Activities.Count == 0)
        {
            problems.Add(new("$.root.activities", "the flowchart has no activities; add at least a Start"));
        }
    }

    private static void CheckNames(IEnumerable<string> names, string path, string what, List<ValidationProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var name in names)
        {
            if (!NamePattern().IsMatch(name ?? ""))
            {
                problems.Add(new($"{path}[{index}].name", $"{what} name '{name}' must be a JavaScript identifier (letters, digits, '_', not starting with a digit)"));
            }
            else if (!seen.Add(name!))
            {
                problems.Add(new($"{path}[{index}].name", $"{what} '{name}' is declared twice; rename or remove one"));
            }

            index++;
        }
    }

    private Dictionary<string, (int Index, ActivityNode Node, RegisteredActivity? Activity)> CheckActivities(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        var nodes = new Dictionary<string, (int, ActivityNode, RegisteredActivity?)>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Root.Activities.Count; i++)
        {
            var node = definition.Root.Activities[i];
            var path = $"$.root.activities[{i}]";
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                problems.Add(new($"{path}.id", "the activity has no id; give it a unique id"));
                continue;
            }

            if (nodes.ContainsKey(node.Id))
            {
                problems.Add(new($"{path}.id", $"activity id '{node.Id}' is used twice; ids must be unique", ActivityId: node.Id));
                continue;
            }

            if (!registry.TryGet(node.Type, out var activity))
            {
                problems.Add(new($"{path}.type", $"unknown activity type '{node.Type}'; use one of: {string.Join(", ", registry.Descriptors.Select(d => d.Type))}", ActivityId: node.Id));
                nodes[node.Id] = (i, node, null);
                continue;
            }

            nodes[node.Id] = (i, node, activity);
            CheckInputs(definition, node, activity.Descriptor, path, problems);
            CheckResilience(node, path, problems);
        }

        return nodes;
    }

    private void CheckInputs(WorkflowDefinition definition, ActivityNode node, ActivityDescriptor descriptor, string path, List<ValidationProblem> problems)
    {
        foreach (var input in descriptor.Inputs)
        {
            node.Inputs.TryGetValue(input.Name, out var value);
            var inputPath = $"{path}.inputs.{input.Name}";
            if (value is null)
            {
                if (input.Required && input.DefaultJson is null)
                {
                    problems.Add(new(inputPath, $"activity '{node.Id}' ({descriptor.Type}) needs input '{input.Name}' ({input.DisplayName})", ActivityId: node.Id, InputName: input.Name));
                }

                continue;
            }

            if (ExpressionInput.TryGetScript(value, out var script))
            {
                if (!input.AllowExpression)
                {
                    problems.Add(new(inputPath, $"input '{input.Name}' takes a literal value, not an expression", ActivityId: node.Id, InputName: input.Name));
                    continue;
                }

                CheckScript(script, node, input, inputPath, problems);
                continue;
            }

            if (input.Editor == InputEditor.JavaScript && input.Type == DataType.String && value is JsonValue literal && literal.TryGetValue<string>(out var code))
            {
                // A script given as a literal (RunJavaScript's script) is still JavaScript: check it as strictly as an expression.
                CheckScript(code, node, input, inputPath, problems);
            }

            if (input.Editor == InputEditor.Variable && value is JsonValue named && named.TryGetValue<string>(out var variable)
                && variable.Length > 0 && !definition.Variables.Exists(v => v.Name == variable))
            {
                var declared = definition.Variables.Count == 0 ? "none" : string.Join(", ", definition.Variables.Select(v => v.Name));
                problems.Add(new(inputPath, $"input '{input.Name}' of activity '{node.Id}' names variable '{variable}', which the workflow does not declare; add it under variables or fix the name (declared: {declared})", ActivityId: node.Id, InputName: input.Name));
            }

            if (!JsonValueConverter.TryCoerce(value, input.Type, out _, out var error))
            {
                problems.Add(new(inputPath, $"input '{input.Name}' of activity '{node.Id}': {error}", ActivityId: node.Id, InputName: input.Name));
            }
            else if (input.Options is { Count: > 0 } options && value is JsonValue v && v.TryGetValue<string>(out var choice) && !options.Contains(choice))
            {
                problems.Add(new(inputPath, $"input '{input.Name}' of activity '{node.Id}' must be one of {string.Join(", ", options)}, not '{choice}'", ActivityId: node.Id, InputName: input.Name));
            }
            else if (input.CheckLiteral?.Invoke(value) is { } wrong)
            {
                problems.Add(new(inputPath, $"input '{input.Name}' of activity '{node.Id}': {wrong}", ActivityId: node.Id, InputName: input.Name));
            }
        }

        foreach (var name in node.Inputs.Keys)
        {
            if (descriptor.FindInput(name) is null)
            {
                problems.Add(new($"{path}.inputs.{name}", $"activity type {descriptor.Type} has no input '{name}'; it is ignored", Severity.Warning, node.Id, name));
            }
        }
    }

    private void CheckScript(string script, ActivityNode node, InputDescriptor input, string inputPath, List<ValidationProblem> problems)
    {
        foreach (var problem in expressions.Check(script))
        {
            problems.Add(new(inputPath, $"JavaScript syntax error in input '{input.Name}' of activity '{node.Id}' at line {problem.Line}, column {problem.Column}: {problem.Message}", ActivityId: node.Id, InputName: input.Name));
        }
    }

    private static void CheckResilience(ActivityNode node, string path, List<ValidationProblem> problems)
    {
        if (node.Resilience is not { } r)
        {
            return;
        }

        if (r.RetryCount is < 0 or > 100)
        {
            problems.Add(new($"{path}.resilience.retryCount", "retryCount must be between 0 and 100", ActivityId: node.Id));
        }

        if (r.RetryDelay < TimeSpan.Zero)
        {
            problems.Add(new($"{path}.resilience.retryDelay", "retryDelay cannot be negative", ActivityId: node.Id));
        }

        if (r.Timeout is { } t && t <= TimeSpan.Zero)
        {
            problems.Add(new($"{path}.resilience.timeout", "timeout must be positive (or left out for none)", ActivityId: node.Id));
        }
    }

    private static List<(string From, string Port, string To)> CheckConnections(
        WorkflowDefinition definition,
        Dictionary<string, (int Index, ActivityNode Node, RegisteredActivity? Activity)> nodes,
        List<ValidationProblem> problems)
    {
        var edges = new List<(string, string, string)>();
        for (var i = 0; i < definition.Root.Connections.Count; i++)
        {
            var connection = definition.Root.Connections[i];
            var path = $"$.root.connections[{i}]";
            var ok = true;
            if (!nodes.TryGetValue(connection.Source.Activity, out var source))
            {
                problems.Add(new($"{path}.source.activity", $"connection starts at activity '{connection.Source.Activity}', which does not exist"));
                ok = false;
            }

            if (!nodes.ContainsKey(connection.Target.Activity))
            {
                problems.Add(new($"{path}.target.activity", $"connection ends at activity '{connection.Target.Activity}', which does not exist"));
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            var port = string.IsNullOrEmpty(connection.Source.Port) ? Ports.Done : connection.Source.Port;
            if (source.Activity is { } activity)
            {
                var ports = ActivityRegistry.OutcomesOf(activity, source.Node);
                if (!ports.Contains(port, StringComparer.Ordinal))
                {
                    problems.Add(new($"{path}.source.port", $"activity '{source.Node.Id}' ({activity.Descriptor.Type}) has no outcome '{port}'; it has: {string.Join(", ", ports)}", ActivityId: source.Node.Id));
                    continue;
                }
            }

            edges.Add((connection.Source.Activity, port, connection.Target.Activity));
        }

        return edges;
    }

    private void CheckGraph(
        WorkflowDefinition definition,
        Dictionary<string, (int Index, ActivityNode Node, RegisteredActivity? Activity)> nodes,
        List<(string From, string Port, string To)> edges,
        List<ValidationProblem> problems)
    {
        var graph = FlowGraph.Build(definition, registry);
        var reachable = graph.ReachableFromEntries();
        foreach (var (id, (index, node, _)) in nodes)
        {
            if (!reachable.Contains(id))
            {
                problems.Add(new($"$.root.activities[{index}]", $"activity '{id}' can never run: no connection leads to it from the start; connect it or remove it", ActivityId: id));
            }
        }

        foreach (var component in graph.Cycles())
        {
            var hasExit = component.Any(id =>
            {
                var (_, node, activity) = nodes[id];
                if (activity is null || activity.Descriptor.IsBlocking || activity.Descriptor.Type == "End")
                {
                    return true;
                }

                var ports = ActivityRegistry.OutcomesOf(activity, node);
                return ports.Any(port =>
                {
                    var targets = edges.Where(e => e.From == id && e.Port == port).Select(e => e.To).ToList();
                    return targets.Count == 0 || targets.Any(t => !component.Contains(t));
                });
            });
            if (!hasExit)
            {
                var first = component.OrderBy(id => nodes[id].Index).First();
                problems.Add(new(
                    $"$.root.activities[{nodes[first].Index}]",
                    $"activities {string.Join(" → ", component.OrderBy(id => nodes[id].Index))} form a loop with no way out; add a Decision with an exit, or a connection that leaves the loop",
                    ActivityId: first));
            }
        }
    }
}
