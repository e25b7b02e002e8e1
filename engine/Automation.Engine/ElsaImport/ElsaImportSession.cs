using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Validation;

namespace Automation.Engine.ElsaImport;

/// <summary>One import of one Elsa document: collects every problem, then either throws them all or returns the definition.</summary>
internal sealed partial class ElsaImportSession
{
    private const string StartType = "Start";

    private static readonly HashSet<string> StartLikeTypes = new(StringComparer.Ordinal) { StartType, "HttpEndpoint", "TimerTrigger", "CronTrigger" };

    private readonly JsonObject _document;
    private readonly string _source;
    private readonly List<ValidationProblem> _problems = [];
    private readonly WorkflowDefinition _definition = new() { ImportedFrom = ElsaWorkflowImporter.ImportedFrom };

    // Elsa refers to variables by id (memory references) and by name; both lead to our variable name.
    private readonly Dictionary<string, string> _variableNames = new(StringComparer.Ordinal);
    private readonly List<RawConnection> _rawConnections = [];
    private readonly Dictionary<string, MappedActivity> _mapped = new(StringComparer.Ordinal);
    private readonly List<ActivityNode> _nodes = [];
    private readonly List<Connection> _connections = [];
    private readonly HashSet<string> _usedIds = new(StringComparer.Ordinal);

    public ElsaImportSession(JsonObject document, string source)
    {
        _document = document;
        _source = source;
    }

    /// <summary>Converts the whole document, or throws with every problem found.</summary>
    public WorkflowDefinition Run()
    {
        ReadHeader();
        var root = _document["root"] as JsonObject;
        if (root is null)
        {
            Problem("$.root", "the workflow has no root flowchart; export it again from Elsa Studio");
        }
        else if (ElsaValues.Text(root, "type") is { } rootType && rootType != "Elsa.Flowchart")
        {
            Problem("$.root.type", $"the root activity is '{rootType}'; only workflows whose root is a flowchart (Elsa.Flowchart) can be imported");
        }
        else
        {
            ReadVariables(_document["variables"], "$.variables");
            ReadVariables(root["variables"], "$.root.variables");
            ReadInputsAndOutputs();
            ReadConnections(root);
            ReadActivities(root);
            BuildConnections();
            AddHttpOutputNodes();
            if (_problems.Count == 0)
            {
                var entry = PlaceEntry(root);
                if (entry is not null && _problems.Count == 0)
                {
                    ImplicitJoins.Insert(_nodes, _connections, entry, NewId);
                }
            }
        }

        if (_problems.Count > 0)
        {
            throw new WorkflowDefinitionException($"Elsa workflow '{_source}'", _problems);
        }

        _definition.Root = new Definitions.Flowchart { Activities = _nodes, Connections = _connections };
        return _definition;
    }

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierPattern();

    private static bool IsIdentifier(string? name) => name is not null && IdentifierPattern().IsMatch(name);

    private void Problem(string path, string message, string? activityId = null, string? inputName = null) =>
        _problems.Add(new ValidationProblem(path, message, Severity.Error, activityId, inputName));

    private void ReadHeader()
    {
        var name = ElsaValues.Text(_document, "name");
        var id = SanitizeId(ElsaValues.Text(_document, "definitionId"))
            ?? SanitizeId(ElsaValues.Text(_document, "id"))
            ?? SanitizeId(name)
            ?? SanitizeId(Path.GetFileNameWithoutExtension(_source))
            ?? "elsa-workflow";
        _definition.Id = id;
        _definition.Name = string.IsNullOrWhiteSpace(name) ? id : name;
        _definition.Description = ElsaValues.Text(_document, "description");
    }

    /// <summary>Our ids allow letters, digits, '-', '_' and '.'; anything else becomes '-'.</summary>
    private static string? SanitizeId(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-');
        }

        var id = builder.ToString().TrimStart('-', '_', '.');
        return id.Length == 0 ? null : id;
    }

    private void ReadVariables(JsonNode? variables, string path)
    {
        if (variables is not JsonArray array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i] as JsonObject;
            var name = ElsaValues.Text(item, "name");
            if (!IsIdentifier(name))
            {
                Problem($"{path}[{i}].name", $"variable name '{name}' is not a JavaScript identifier (letters, digits, '_', not starting with a digit); rename it in Elsa and export again");
                continue;
            }

            var typeName = ElsaValues.Text(item, "typeName");
            var type = ElsaValues.ToDataType(typeName, ElsaValues.Flag(item, "isArray") == true);
            var value = ElsaValues.ConvertLiteral(item!["value"], typeName);
            if (value is JsonValue text && text.TryGetValue<string>(out var s) && s.Length == 0 && type != DataType.String)
            {
                value = null;
            }

            if (!JsonValueConverter.TryCoerce(value, type, out var coerced, out var error))
            {
                Problem($"{path}[{i}].value", $"value of variable '{name}': {error}; fix the default value in Elsa");
                continue;
            }

            if (!_definition.Variables.Exists(v => v.Name == name))
            {
                _definition.Variables.Add(new VariableDefinition { Name = name!, Type = type, Default = coerced?.DeepClone() });
            }

            _variableNames[name!] = name!;
            if (ElsaValues.Text(item, "id") is { Length: > 0 } id)
            {
                _variableNames[id] = name!;
            }
        }
    }

    private void ReadInputsAndOutputs()
    {
        if (_document["inputs"] is JsonArray inputs)
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var item = inputs[i] as JsonObject;
                var name = ElsaValues.Text(item, "name");
                if (!IsIdentifier(name))
                {
                    Problem($"$.inputs[{i}].name", $"input name '{name}' is not a JavaScript identifier; rename it in Elsa and export again");
                    continue;
                }

                _definition.Inputs.Add(new WorkflowInput
                {
                    Name = name!,
                    Type = ElsaValues.ToDataType(ElsaValues.Text(item, "type") ?? ElsaValues.Text(item, "typeName"), ElsaValues.Flag(item, "isArray") == true),
                    Description = ElsaValues.Text(item, "description") is { Length: > 0 } description ? description : null,
                });
            }
        }

        if (_document["outputs"] is JsonArray outputs)
        {
            for (var i = 0; i < outputs.Count; i++)
            {
                var item = outputs[i] as JsonObject;
                var name = ElsaValues.Text(item, "name");
                if (!IsIdentifier(name))
                {
                    Problem($"$.outputs[{i}].name", $"output name '{name}' is not a JavaScript identifier; rename it in Elsa and export again");
                    continue;
                }

                _definition.Outputs.Add(new WorkflowOutput
                {
                    Name = name!,
                    Type = ElsaValues.ToDataType(ElsaValues.Text(item, "type") ?? ElsaValues.Text(item, "typeName"), ElsaValues.Flag(item, "isArray") == true),
                });
            }
        }
    }

    /// <summary>Reads both of Elsa's connection formats: nested <c>source: {activity, port}</c> and the older flat <c>source</c>/<c>sourcePort</c>.</summary>
    private void ReadConnections(JsonObject root)
    {
        if (root["connections"] is not JsonArray connections)
        {
            return;
        }

        for (var i = 0; i < connections.Count; i++)
        {
            var path = $"$.root.connections[{i}]";
            if (connections[i] is not JsonObject connection)
            {
                Problem(path, "a connection must be an object with a source and a target");
                continue;
            }

            var (source, port) = Endpoint(connection["source"], connection["sourcePort"]);
            var (target, _) = Endpoint(connection["target"], connection["targetPort"]);
            if (string.IsNullOrEmpty(source) || string.IsNullOrEmpty(target))
            {
                Problem(path, "the connection needs a source and a target activity; remove it or connect both ends in Elsa");
                continue;
            }

            _rawConnections.Add(new RawConnection(source, string.IsNullOrEmpty(port) ? Ports.Done : port, target, path));
        }
    }

    private static (string? Activity, string? Port) Endpoint(JsonNode? end, JsonNode? flatPort) => end switch
    {
        JsonObject nested => (ElsaValues.Text(nested, "activity"), ElsaValues.Text(nested, "port")),
        JsonValue flat when flat.TryGetValue<string>(out var id) => (id, flatPort is JsonValue p && p.TryGetValue<string>(out var port) ? port : null),
        _ => (null, null),
    };

    private void BuildConnections()
    {
        var seen = new HashSet<(string, string, string)>();
        foreach (var raw in _rawConnections)
        {
            var ok = true;
            if (!_mapped.TryGetValue(raw.Source, out var source))
            {
                ok = false;
                if (!_skipped.Contains(raw.Source))
                {
                    Problem($"{raw.Path}.source", $"the connection starts at activity '{raw.Source}', which is not in the flowchart; remove the connection");
                }
            }

            if (!_mapped.ContainsKey(raw.Target))
            {
                ok = false;
                if (!_skipped.Contains(raw.Target))
                {
                    Problem($"{raw.Path}.target", $"the connection ends at activity '{raw.Target}', which is not in the flowchart; remove the connection");
                }
            }

            if (!ok)
            {
                continue;
            }

            foreach (var port in source!.Ports(raw.Port))
            {
                // Elsa ignores duplicate connections; a duplicate here would run the target twice.
                if (seen.Add((raw.Source, port, raw.Target)))
                {
                    _connections.Add(new Connection
                    {
                        Source = new Definitions.Endpoint { Activity = raw.Source, Port = port },
                        Target = new Definitions.Endpoint { Activity = raw.Target },
                    });
                }
            }
        }
    }

    /// <summary>
    /// Makes our runtime start where Elsa would when run without a trigger: the flowchart's <c>start</c>, else a Start
    /// activity, else one marked "can start workflow", else the first activity nothing leads to. Returns its id.
    /// </summary>
    private string? PlaceEntry(JsonObject root)
    {
        if (_nodes.Count == 0)
        {
            Problem("$.root.activities", "the flowchart has no activities; there is nothing to import");
            return null;
        }

        string? chosen = null;
        if (ElsaValues.Text(root, "start") is { Length: > 0 } start)
        {
            if (_mapped.ContainsKey(start))
            {
                chosen = start;
            }
            else
            {
                Problem("$.root.start", $"the flowchart starts at activity '{start}', which is not in it; fix 'start' or add the activity");
                return null;
            }
        }

        chosen ??= _mapped.Values.FirstOrDefault(m => m.ElsaType == "Elsa.Start")?.Node.Id
            ?? _mapped.Values.FirstOrDefault(m => m.CanStartWorkflow)?.Node.Id
            ?? _nodes.FirstOrDefault(n => !_connections.Exists(c => c.Target.Activity == n.Id))?.Id
            ?? _nodes[0].Id;

        var node = _nodes.Find(n => n.Id == chosen)!;
        var hasInbound = _connections.Exists(c => c.Target.Activity == chosen);
        if (StartLikeTypes.Contains(node.Type) || (!hasInbound && !_nodes.Exists(n => StartLikeTypes.Contains(n.Type))))
        {
            // Our runtime enters at the first start-like activity, else the first one nothing leads to.
            _nodes.Remove(node);
            _nodes.Insert(0, node);
            return chosen;
        }

        var entry = new ActivityNode { Id = NewId("start"), Type = StartType, Name = "Start", Metadata = OffsetDesigner(node.Metadata, -200) };
        _nodes.Insert(0, entry);
        _connections.Add(new Connection
        {
            Source = new Definitions.Endpoint { Activity = entry.Id, Port = Ports.Done },
            Target = new Definitions.Endpoint { Activity = chosen },
        });
        return entry.Id;
    }

    /// <summary>An activity id not used by any Elsa activity or earlier generated node.</summary>
    private string NewId(string wanted)
    {
        var id = wanted;
        for (var n = 2; _mapped.ContainsKey(id) || _usedIds.Contains(id) || _nodes.Exists(x => x.Id == id); n++)
        {
            id = $"{wanted}-{n}";
        }

        _usedIds.Add(id);
        return id;
    }

    /// <summary>A copy of a node's designer position moved sideways, for nodes the import adds next to it.</summary>
    internal static JsonObject? OffsetDesigner(JsonObject? metadata, double dx)
    {
        if (metadata?["designer"] is not JsonObject designer || designer["x"] is not JsonValue x || !x.TryGetValue<double>(out var left))
        {
            return null;
        }

        return new JsonObject { ["designer"] = new JsonObject { ["x"] = left + dx, ["y"] = designer["y"]?.DeepClone() } };
    }

    /// <summary>Elsa's <c>metadata.designer.position</c> (and size) as our <c>metadata.designer</c> <c>{x, y, width, height}</c>.</summary>
    private static JsonObject? Designer(JsonObject activity)
    {
        if (activity["metadata"] is not JsonObject metadata || metadata["designer"] is not JsonObject designer
            || designer["position"] is not JsonObject position)
        {
            return null;
        }

        var result = new JsonObject { ["x"] = position["x"]?.DeepClone(), ["y"] = position["y"]?.DeepClone() };
        if (designer["size"] is JsonObject size)
        {
            result["width"] = size["width"]?.DeepClone();
            result["height"] = size["height"]?.DeepClone();
        }

        return new JsonObject { ["designer"] = result };
    }

    /// <summary>A connection as Elsa stored it, before ports are translated.</summary>
    private sealed record RawConnection(string Source, string Port, string Target, string Path);

    /// <summary>An Elsa activity turned into our node, with how its ports translate.</summary>
    private sealed class MappedActivity(ActivityNode node, string elsaType, bool canStartWorkflow, Func<string, IReadOnlyList<string>> ports)
    {
        public ActivityNode Node { get; } = node;

        public string ElsaType { get; } = elsaType;

        public bool CanStartWorkflow { get; } = canStartWorkflow;

        public Func<string, IReadOnlyList<string>> Ports { get; } = ports;
    }
}
