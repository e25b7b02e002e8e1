using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;

namespace Automation.Engine.ElsaImport;

/// <summary>Activity by activity: Elsa's type and inputs to ours.</summary>
internal sealed partial class ElsaImportSession
{
    /// <summary>The Elsa activity types the import understands.</summary>
    internal static readonly IReadOnlyList<string> SupportedTypes =
    [
        "Elsa.Start", "Elsa.End", "Elsa.Finish", "Elsa.WriteLine", "Elsa.SetVariable", "Elsa.FlowDecision", "Elsa.FlowSwitch",
        "Elsa.FlowFork", "Elsa.FlowJoin", "Elsa.Delay", "Elsa.Timer", "Elsa.Cron", "Elsa.RunJavaScript",
        "Elsa.SendHttpRequest", "Elsa.FlowSendHttpRequest", "Elsa.HttpEndpoint", "Elsa.WriteHttpResponse",
    ];

    private static readonly string[] DonePort = [Ports.Done];

    // Activities that were rejected: connections to them are not reported a second time.
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    private void ReadActivities(JsonObject root)
    {
        if (root["activities"] is not JsonArray activities)
        {
            Problem("$.root.activities", "the flowchart has no 'activities' list; export the workflow again from Elsa Studio");
            return;
        }

        for (var i = 0; i < activities.Count; i++)
        {
            var path = $"$.root.activities[{i}]";
            if (activities[i] is not JsonObject json)
            {
                Problem(path, "an activity must be a JSON object");
                continue;
            }

            var id = ElsaValues.Text(json, "id");
            var type = ElsaValues.Text(json, "type") ?? "";
            if (string.IsNullOrWhiteSpace(id))
            {
                Problem($"{path}.id", $"an activity of type '{type}' has no id; give it a unique id");
                continue;
            }

            if (_mapped.ContainsKey(id) || _skipped.Contains(id))
            {
                Problem($"{path}.id", $"activity id '{id}' is used twice; ids must be unique", id);
                continue;
            }

            var activity = new ElsaActivity(json, id, type, path);
            var before = _problems.Count;
            CheckExpressionTypes(activity);
            if (_problems.Count > before)
            {
                // Its inputs cannot be read; say what else is wrong with it only if that is its type.
                if (!SupportedTypes.Contains(type))
                {
                    UnsupportedType(activity);
                }

                _skipped.Add(id);
                continue;
            }

            var node = new ActivityNode
            {
                Id = id,
                Name = ElsaValues.Text(json["metadata"], "displayText") is { Length: > 0 } display ? display : ElsaValues.Text(json, "name"),
                Metadata = Designer(json),
            };
            var ports = Map(activity, node);
            if (ports is null || _problems.Count > before)
            {
                _skipped.Add(id);
                continue;
            }

            var canStart = ElsaValues.Flag(json["customProperties"], "canStartWorkflow") ?? ElsaValues.Flag(json, "canStartWorkflow") ?? false;
            _mapped[id] = new MappedActivity(node, type, canStart, ports);
            _nodes.Add(node);
        }
    }

    /// <summary>Fills <paramref name="node"/> for one Elsa activity; returns its port translation, or null when it cannot be imported.</summary>
    private Func<string, IReadOnlyList<string>>? Map(ElsaActivity a, ActivityNode node)
    {
        switch (a.Type)
        {
            case "Elsa.Start":
                node.Type = StartType;
                return SamePort;
            case "Elsa.End" or "Elsa.Finish":
                node.Type = "End";
                return SamePort;
            case "Elsa.WriteLine":
                node.Type = "Log";
                Set(node, "message", In(a, "text") ?? "");
                return SamePort;
            case "Elsa.SetVariable":
                return MapSetVariable(a, node);
            case "Elsa.FlowDecision":
                node.Type = "Decision";
                Set(node, "condition", In(a, "condition"));
                return SamePort;
            case "Elsa.FlowSwitch":
                return MapSwitch(a, node);
            case "Elsa.FlowFork":
                return MapFork(a, node);
            case "Elsa.FlowJoin":
                return MapJoin(a, node);
            case "Elsa.Delay":
                node.Type = "Delay";
                Set(node, "duration", In(a, "timeSpan"));
                return SamePort;
            case "Elsa.Timer":
                return MapTimer(a, node);
            case "Elsa.Cron":
                return MapCron(a, node);
            case "Elsa.RunJavaScript":
                return MapRunJavaScript(a, node);
            case "Elsa.FlowSendHttpRequest":
                return MapHttpRequest(a, node, flow: true);
            case "Elsa.SendHttpRequest":
                return MapHttpRequest(a, node, flow: false);
            case "Elsa.HttpEndpoint":
                return MapHttpEndpoint(a, node);
            case "Elsa.WriteHttpResponse":
                return MapWriteHttpResponse(a, node);
            default:
                UnsupportedType(a);
                return null;
        }
    }

    private void UnsupportedType(ElsaActivity a) =>
        Problem(
            $"{a.Path}.type",
            $"activity '{a.Id}' has type '{a.Type}', which cannot be imported; replace it in Elsa with one of: {string.Join(", ", SupportedTypes)}",
            a.Id);

    private static IReadOnlyList<string> SamePort(string port) => [port];

    private Func<string, IReadOnlyList<string>>? MapSetVariable(ElsaActivity a, ActivityNode node)
    {
        node.Type = "SetVariable";
        var name = ResolveVariable(a.Json["variable"]);
        if (name is null)
        {
            Problem($"{a.Path}.variable", $"activity '{a.Id}' ({a.Type}) sets no known variable; choose the variable in Elsa", a.Id, "variable");
            return null;
        }

        Set(node, "variable", name);
        Set(node, "value", In(a, "value"));
        return SamePort;
    }

    private Func<string, IReadOnlyList<string>>? MapSwitch(ElsaActivity a, ActivityNode node)
    {
        node.Type = "Switch";
        var cases = new JsonArray();
        if (a.Json["cases"] is JsonArray elsaCases)
        {
            for (var i = 0; i < elsaCases.Count; i++)
            {
                var label = ElsaValues.Text(elsaCases[i], "label");
                if (string.IsNullOrEmpty(label))
                {
                    Problem($"{a.Path}.cases[{i}].label", $"case {i + 1} of activity '{a.Id}' ({a.Type}) has no label; give every case a label", a.Id, "cases");
                    continue;
                }

                var condition = elsaCases[i]!["condition"] is { } raw ? Expression(a, $"cases[{i}].condition", raw) : null;
                cases.Add(new JsonObject { ["name"] = label, ["condition"] = condition ?? JsonValue.Create(false) });
            }
        }

        node.Inputs["cases"] = cases;
        if (In(a, "mode") is JsonValue mode && mode.TryGetValue<string>(out var text) && text is "MatchFirst" or "MatchAny")
        {
            node.Inputs["mode"] = text;
        }

        return SamePort;
    }

    private Func<string, IReadOnlyList<string>>? MapFork(ElsaActivity a, ActivityNode node)
    {
        node.Type = "Fork";
        var branches = In(a, "branches");
        if (branches is JsonValue single && single.TryGetValue<string>(out var one))
        {
            branches = new JsonArray(one);
        }

        if (branches is not JsonArray array || array.Count == 0)
        {
            Problem($"{a.Path}.branches", $"activity '{a.Id}' ({a.Type}) needs its branches as a fixed list such as [\"One\",\"Two\"]; scripts cannot choose branches", a.Id, "branches");
            return null;
        }

        node.Inputs["branches"] = new JsonArray(array.Select(b => (JsonNode?)JsonValue.Create(JsonValueConverter.AsText(b))).ToArray());
        return SamePort;
    }

    private Func<string, IReadOnlyList<string>>? MapJoin(ElsaActivity a, ActivityNode node)
    {
        node.Type = "Join";

        // Elsa's default is WaitAny. WaitAllActive (wait for the branches that started) is closest to our WaitAll.
        var mode = In(a, "mode") is JsonValue m && m.TryGetValue<string>(out var text) ? text : "WaitAny";
        node.Inputs["mode"] = mode switch
        {
            "WaitAll" or "WaitAllActive" => "WaitAll",
            "WaitAny" => "WaitAny",
            _ => null,
        };
        if (node.Inputs["mode"] is null)
        {
            Problem($"{a.Path}.mode", $"activity '{a.Id}' ({a.Type}) has join mode '{mode}'; use WaitAll, WaitAllActive or WaitAny", a.Id, "mode");
            return null;
        }

        return SamePort;
    }

    private Func<string, IReadOnlyList<string>>? MapTimer(ElsaActivity a, ActivityNode node)
    {
        var interval = In(a, "interval");
        if (HasInbound(a.Id))
        {
            // In the middle of a flow Elsa's Timer waits one interval, as a Delay does.
            node.Type = "Delay";
            Set(node, "duration", interval);
            return SamePort;
        }

        if (!TryLiteralText(interval, out var text) || !JsonValueConverter.TryDuration(text.Trim(), out var span) || span <= TimeSpan.Zero)
        {
            Problem($"{a.Path}.interval", $"activity '{a.Id}' ({a.Type}) needs a fixed positive interval such as 00:01:00 to be a trigger", a.Id, "interval");
            return null;
        }

        node.Type = "TimerTrigger";
        node.Inputs["interval"] = text.Trim();
        _definition.Triggers.Add(new TriggerDefinition { Kind = "timer", Interval = span, Activity = a.Id });
        return SamePort;
    }

    private Func<string, IReadOnlyList<string>>? MapCron(ElsaActivity a, ActivityNode node)
    {
        if (HasInbound(a.Id))
        {
            Problem(a.Path, $"activity '{a.Id}' ({a.Type}) waits for a cron slot in the middle of the flow, which cannot be imported; use a Delay there, or make the Cron the workflow's trigger", a.Id);
            return null;
        }

        var cron = In(a, "cronExpression");
        var fields = TryLiteralText(cron, out var text) ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        if (fields.Length is not (5 or 6))
        {
            Problem($"{a.Path}.cronExpression", $"activity '{a.Id}' ({a.Type}) needs a fixed cron expression of 5 or 6 fields, such as '0 0 * * * *' (every hour); got '{text}'", a.Id, "cronExpression");
            return null;
        }

        var expression = string.Join(' ', fields);
        node.Type = "CronTrigger";
        node.Inputs["cron"] = expression;
        _definition.Triggers.Add(new TriggerDefinition { Kind = "cron", Cron = expression, Activity = a.Id });
        return SamePort;
    }

    private Func<string, IReadOnlyList<string>>? MapRunJavaScript(ElsaActivity a, ActivityNode node)
    {
        node.Type = "RunJavaScript";

        // Elsa keeps the script as a Literal, or as a JavaScript expression whose text is the script.
        var script = In(a, "script");
        var text = ExpressionInput.TryGetScript(script, out var code) ? code : TryLiteralText(script, out var literal) ? literal : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            Problem($"{a.Path}.script", $"activity '{a.Id}' ({a.Type}) has no script; write the script or remove the activity", a.Id, "script");
            return null;
        }

        node.Inputs["script"] = text;
        var outcomes = a.Json["possibleOutcomes"] is JsonArray plain ? plain : In(a, "possibleOutcomes");
        if (outcomes is JsonArray list && list.Count > 0)
        {
            node.Inputs["outcomes"] = new JsonArray(list.Select(o => (JsonNode?)JsonValue.Create(JsonValueConverter.AsText(o))).ToArray());
        }

        if (OutputTarget(a.Json["result"]) is { } variable)
        {
            node.Inputs["resultVariable"] = variable;
        }

        return SamePort;
    }

    private bool HasInbound(string id) => _rawConnections.Exists(c => c.Target == id);

    private static void Set(ActivityNode node, string input, JsonNode? value)
    {
        if (value is not null)
        {
            node.Inputs[input] = value;
        }
    }

    private static bool TryLiteralText(JsonNode? value, out string text)
    {
        if (value is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
        {
            text = JsonValueConverter.AsText(v);
            return true;
        }

        text = "";
        return false;
    }

    /// <summary>Every Elsa input of the activity uses an expression language we run; C#, Liquid and the like are reported.</summary>
    private void CheckExpressionTypes(ElsaActivity a)
    {
        foreach (var (property, value) in a.Json)
        {
            if (value is JsonObject wrapper && wrapper["expression"] is JsonObject expression)
            {
                CheckExpressionType(a, property, expression);
            }
        }

        if (a.Json["cases"] is JsonArray cases)
        {
            for (var i = 0; i < cases.Count; i++)
            {
                if (cases[i]?["condition"] is JsonObject condition)
                {
                    CheckExpressionType(a, $"cases[{i}].condition", condition["expression"] as JsonObject ?? condition);
                }
            }
        }
    }

    private void CheckExpressionType(ElsaActivity a, string input, JsonObject expression)
    {
        var type = ElsaValues.Text(expression, "type");
        if (type is null or "Literal" or "JavaScript" or "Object" or "Variable" || expression["value"] is null)
        {
            return;
        }

        var language = type switch
        {
            "CSharp" or "C#" => "C#",
            _ => type,
        };
        Problem(
            $"{a.Path}.{input}",
            $"activity '{a.Id}' ({a.Type}), input '{input}': {language} expressions are not supported; rewrite the expression as JavaScript",
            a.Id,
            input);
    }

    /// <summary>The value of an Elsa input as our input value: a JSON literal or <c>{"js": ...}</c>; null when unset.</summary>
    private JsonNode? In(ElsaActivity a, string property) =>
        a.Json.TryGetPropertyValue(property, out var raw) && raw is not null ? Expression(a, property, raw) : null;

    private JsonNode? Expression(ElsaActivity a, string input, JsonNode raw)
    {
        JsonObject expression;
        string? typeName = null;
        switch (raw)
        {
            case JsonObject wrapper when wrapper.ContainsKey("expression"):
                if (wrapper["expression"] is not JsonObject inner)
                {
                    return null;
                }

                expression = inner;
                typeName = ElsaValues.Text(wrapper, "typeName");
                break;
            case JsonObject output when output.ContainsKey("memoryReference"):
                // An output bound to a variable, not a value given to the activity.
                return null;
            case JsonObject bare when bare.ContainsKey("type") && bare.Count <= 2:
                expression = bare;
                break;
            case JsonValue or JsonArray:
                return raw.DeepClone();
            default:
                return null;
        }

        var value = expression["value"];
        switch (ElsaValues.Text(expression, "type"))
        {
            case "Literal":
                return ElsaValues.ConvertLiteral(value, typeName);
            case "JavaScript":
                return value is JsonValue js && js.TryGetValue<string>(out var script) && script.Trim().Length > 0 ? ExpressionInput.JavaScript(script) : null;
            case "Object":
                if (value is JsonValue text && text.TryGetValue<string>(out var json))
                {
                    if (json.Trim().Length == 0)
                    {
                        return null;
                    }

                    try
                    {
                        return JsonNode.Parse(json);
                    }
                    catch (JsonException ex)
                    {
                        Problem($"{a.Path}.{input}", $"activity '{a.Id}' ({a.Type}), input '{input}': the Object expression is not valid JSON ({ex.Message}); fix it in Elsa", a.Id, input);
                        return null;
                    }
                }

                return value?.DeepClone();
            case "Variable":
                if (ResolveVariable(value) is { } name)
                {
                    return ExpressionInput.JavaScript($"variables.{name}");
                }

                Problem($"{a.Path}.{input}", $"activity '{a.Id}' ({a.Type}), input '{input}' refers to a variable the workflow does not declare; declare it or choose another", a.Id, input);
                return null;
            default:
                // Unsupported languages were reported by CheckExpressionTypes.
                return null;
        }
    }

    /// <summary>Our name of the variable an Elsa reference (an object with id/name, or a name or id) points at; declares it when only the reference knows it.</summary>
    private string? ResolveVariable(JsonNode? reference)
    {
        switch (reference)
        {
            case JsonObject obj:
                if (ElsaValues.Text(obj, "id") is { } id && _variableNames.TryGetValue(id, out var byId))
                {
                    return byId;
                }

                var name = ElsaValues.Text(obj, "name");
                if (name is not null && _variableNames.TryGetValue(name, out var byName))
                {
                    return byName;
                }

                if (!IsIdentifier(name))
                {
                    return null;
                }

                var typeName = ElsaValues.Text(obj, "typeName");
                _definition.Variables.Add(new VariableDefinition { Name = name!, Type = ElsaValues.ToDataType(typeName, ElsaValues.Flag(obj, "isArray") == true) });
                _variableNames[name!] = name!;
                return name;
            case JsonValue v when v.TryGetValue<string>(out var key):
                return _variableNames.GetValueOrDefault(key);
            default:
                return null;
        }
    }

    /// <summary>
    /// Where an Elsa activity output goes: the variable its memory reference names, or a workflow output of that name
    /// (carried by a same-named variable, which the runtime copies to the output when the workflow finishes).
    /// </summary>
    private string? OutputTarget(JsonNode? output)
    {
        if (output is not JsonObject wrapper || ElsaValues.Text(wrapper["memoryReference"], "id") is not { Length: > 0 } id)
        {
            return null;
        }

        if (_variableNames.TryGetValue(id, out var variable))
        {
            return variable;
        }

        var declared = _definition.Outputs.Find(o => o.Name == id);
        if (declared is null)
        {
            // A memory block of the activity itself: nothing outside the activity reads it.
            return null;
        }

        _definition.Variables.Add(new VariableDefinition { Name = id, Type = declared.Type });
        _variableNames[id] = id;
        return id;
    }

    private static string StatusCodeText(int code) => code.ToString(CultureInfo.InvariantCulture);

    /// <summary>One Elsa activity being imported, with where it sits in the file.</summary>
    private sealed record ElsaActivity(JsonObject Json, string Id, string Type, string Path);
}
