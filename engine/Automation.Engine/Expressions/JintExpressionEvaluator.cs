using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace Automation.Engine.Expressions;

/// <summary>
/// JavaScript through Jint in a sandbox: no CLR access, and time, statement, memory and recursion limits.
/// Scripts see <c>variables</c>, <c>input</c>, <c>output</c>, Elsa-style <c>getX()</c>/<c>setX(v)</c> per variable,
/// <c>getVariable</c>/<c>setVariable</c>, <c>getInput</c>, <c>setOutput</c>, <c>setOutcome</c>, <c>log</c>, and names the activity binds.
/// </summary>
public sealed class JintExpressionEvaluator : IExpressionEvaluator
{
    private const int MaxCachedScripts = 4096;
    private readonly ConcurrentDictionary<string, Prepared<Script>> _prepared = new(StringComparer.Ordinal);
    private readonly JavaScriptOptions _options;

    public JintExpressionEvaluator(JavaScriptOptions? options = null) => _options = options ?? new JavaScriptOptions();

    public IReadOnlyList<ExpressionProblem> Check(string script)
    {
        try
        {
            Prepare(script);
            return [];
        }
        catch (ParseErrorException ex)
        {
            return [new ExpressionProblem(ex.Error.Description, ex.Error.LineNumber, ex.Error.Column + 1)];
        }
    }

    public JsonNode? Evaluate(string script, IExpressionScope scope, ExpressionSite site, CancellationToken cancellationToken)
    {
        Prepared<Script> prepared;
        try
        {
            prepared = Prepare(script);
        }
        catch (ParseErrorException ex)
        {
            throw new ExpressionException(site, $"syntax error: {ex.Error.Description}", ex.Error.LineNumber, ex.Error.Column + 1, ex);
        }

        var engine = new JsEngine(o => o
            .TimeoutInterval(_options.TimeLimit)
            .MaxStatements(_options.MaxStatements)
            .LimitMemory(_options.MemoryLimitBytes)
            .LimitRecursion(_options.MaxRecursionDepth)
            .CancellationToken(cancellationToken));
        var bridge = new ScopeBridge(engine, scope);
        try
        {
            bridge.Install();
            var result = engine.Evaluate(prepared);
            bridge.WriteBack();
            return bridge.ToNode(result);
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException(site, $"script threw: {ex.Error}", ex.Location.Start.Line, ex.Location.Start.Column + 1, ex);
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException(site, $"took longer than the time limit of {_options.TimeLimit.TotalSeconds:0.###} s (an endless loop?)", inner: ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException(site, $"ran more than {_options.MaxStatements:N0} statements (an endless loop?)", inner: ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException(site, $"allocated more than the memory limit of {_options.MemoryLimitBytes / (1024 * 1024)} MiB", inner: ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException(site, $"nested calls deeper than {_options.MaxRecursionDepth} (endless recursion?)", inner: ex);
        }
        catch (ExecutionCanceledException ex)
        {
            throw new OperationCanceledException("The expression was cancelled with its workflow.", ex, cancellationToken);
        }
        catch (ScopeException ex)
        {
            throw new ExpressionException(site, ex.Message, inner: ex);
        }
    }

    private Prepared<Script> Prepare(string script)
    {
        if (_prepared.TryGetValue(script, out var prepared))
        {
            return prepared;
        }

        prepared = JsEngine.PrepareScript(script, options: new ScriptPreparationOptions { ParsingOptions = ScriptParsingOptions.Default with { Tolerant = false } });
        if (_prepared.Count >= MaxCachedScripts)
        {
            _prepared.Clear();
        }

        _prepared[script] = prepared;
        return prepared;
    }

    /// <summary>A variable or output could not be set (undeclared, wrong type).</summary>
    private sealed class ScopeException(string message) : Exception(message);

    /// <summary>Connects the workflow's scope to one engine: values cross as JSON, never as CLR objects.</summary>
    private sealed class ScopeBridge(JsEngine engine, IExpressionScope scope)
    {
        private readonly Dictionary<string, JsValue> _touched = new(StringComparer.Ordinal);
        private readonly JsonParser _parser = new(engine);
        private readonly JsonSerializer _serializer = new(engine);

        public void Install()
        {
            var variables = new JsObject(engine);
            foreach (var name in scope.VariableNames)
            {
                var captured = name;
                variables.FastSetProperty(name, new GetSetPropertyDescriptor(
                    Function($"get {name}", (_, _) => Read(captured)),
                    Function($"set {name}", (_, args) =>
                    {
                        _touched[captured] = args.Length > 0 ? args[0] : JsValue.Undefined;
                        return JsValue.Undefined;
                    }),
                    enumerable: true,
                    configurable: false));
                var pascal = char.ToUpperInvariant(name[0]) + name[1..];
                engine.SetValue($"get{pascal}", Function($"get{pascal}", (_, _) => Read(captured)));
                engine.SetValue($"set{pascal}", Function($"set{pascal}", (_, args) =>
                {
                    _touched[captured] = args.Length > 0 ? args[0] : JsValue.Undefined;
                    return JsValue.Undefined;
                }));
            }

            engine.SetValue("variables", variables);
            engine.SetValue("input", FromNode(scope.Input));
            engine.SetValue("output", FromNode(scope.Output));
            engine.SetValue("getVariable", Function("getVariable", (_, args) => Read(Text(args, 0))));
            engine.SetValue("setVariable", Function("setVariable", (_, args) =>
            {
                var name = Text(args, 0);
                if (!scope.VariableNames.Contains(name))
                {
                    throw new ScopeException($"setVariable('{name}'): the workflow declares no variable '{name}'");
                }

                _touched[name] = args.Length > 1 ? args[1] : JsValue.Undefined;
                return JsValue.Undefined;
            }));
            engine.SetValue("getInput", Function("getInput", (_, args) => FromNode(scope.Input[Text(args, 0)])));
            engine.SetValue("setOutput", Function("setOutput", (_, args) =>
            {
                scope.Output[Text(args, 0)] = args.Length > 1 ? ToNode(args[1]) : null;
                return JsValue.Undefined;
            }));
            engine.SetValue("setOutcome", Function("setOutcome", (_, args) =>
            {
                if (scope.SetOutcome is null)
                {
                    throw new ScopeException("setOutcome() can only be used in a RunJavaScript activity");
                }

                foreach (var arg in args)
                {
                    scope.SetOutcome(arg.ToString());
                }

                return JsValue.Undefined;
            }));
            engine.SetValue("log", Function("log", (_, args) =>
            {
                scope.Log?.Invoke(string.Join(" ", args.Select(a => a.IsString() ? a.AsString() : _serializer.Serialize(a).ToString())));
                return JsValue.Undefined;
            }));
            foreach (var (name, value) in scope.Bindings)
            {
                engine.SetValue(name, FromNode(value));
            }
        }

        /// <summary>Stores variables the script set, and objects it read (it may have changed them in place).</summary>
        public void WriteBack()
        {
            foreach (var (name, value) in _touched)
            {
                try
                {
                    scope.SetVariable(name, ToNode(value));
                }
                catch (Exception ex) when (ex is InvalidOperationException or Runtime.WorkflowFaultException)
                {
                    throw new ScopeException(ex.Message);
                }
            }
        }

        public JsonNode? ToNode(JsValue value)
        {
            if (value.IsUndefined() || value.IsNull())
            {
                return null;
            }

            if (value.IsString())
            {
                return JsonValue.Create(value.AsString());
            }

            if (value.IsBoolean())
            {
                return JsonValue.Create(value.AsBoolean());
            }

            if (value.IsNumber())
            {
                var number = value.AsNumber();
                return double.IsFinite(number) ? (number % 1 == 0 && Math.Abs(number) < 9e15 ? JsonValue.Create((long)number) : JsonValue.Create(number)) : null;
            }

            if (value.IsDate())
            {
                return JsonValue.Create(value.AsDate().ToDateTime().ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }

            var json = _serializer.Serialize(value);
            return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
        }

        private JsValue Read(string name)
        {
            if (_touched.TryGetValue(name, out var cached))
            {
                return cached;
            }

            var value = FromNode(scope.GetVariable(name));
            if (value is ObjectInstance)
            {
                // Objects may be changed in place (list.push); keep the instance so the change is written back.
                _touched[name] = value;
            }

            return value;
        }

        private JsValue FromNode(JsonNode? node) => node switch
        {
            null => JsValue.Null,
            JsonValue v when v.TryGetValue<string>(out var s) => new JsString(s),
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? JsBoolean.True : JsBoolean.False,
            JsonValue v when v.TryGetValue<double>(out var d) => new JsNumber(d),
            JsonValue v when v.TryGetValue<long>(out var l) => new JsNumber(l),
            JsonValue v when v.TryGetValue<int>(out var i) => new JsNumber(i),
            _ => _parser.Parse(node.ToJsonString()),
        };

        private static string Text(JsValue[] args, int index) => args.Length > index ? args[index].ToString() : "";

        private ClrFunction Function(string name, Func<JsValue, JsValue[], JsValue> body) => new(engine, name, body);
    }
}
