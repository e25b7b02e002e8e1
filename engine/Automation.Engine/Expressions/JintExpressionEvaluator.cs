using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace Automation.Engine.Expressions;

/// <summary>
/// JavaScript through Jint in a sandbox: no CLR access, and time, statement, memory and recursion limits.
/// Scripts see <c>variables</c>, <c>input</c>, <c>output</c>, Elsa-style <c>getX()</c>/<c>setX(v)</c> per variable,
/// <c>getVariable</c>/<c>setVariable</c>, <c>getInput</c>, <c>setOutput</c>, <c>setOutcome</c>, <c>log</c>, and names the activity binds.
/// </summary>
/// <remarks>
/// Each evaluation gets a fresh engine, so nothing a script leaves behind (globals, changed prototypes) reaches another
/// evaluation. Variable changes are collected and written back only when the script completes, so a script that fails
/// changes nothing.
/// </remarks>
public sealed partial class JintExpressionEvaluator : IExpressionEvaluator
{
    private const int MaxCachedScripts = 4096;

    /// <summary>
    /// Built-ins hidden from every engine. Typed arrays and array buffers allocate their whole size in one step,
    /// before the memory limit is next checked (a single <c>new Uint8Array(2e9)</c> would take 2 GB); a ShadowRealm
    /// brings a fresh copy of every built-in back; weak references and finalizers run at the garbage collector's whim.
    /// </summary>
    private static readonly string[] RemovedGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "TypedArray",
        "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
        "ShadowRealm", "WeakRef", "FinalizationRegistry",
    ];

    private readonly ConcurrentDictionary<string, Prepared<Script>> _prepared = new(StringComparer.Ordinal);
    private readonly JavaScriptOptions _options;

    /// <exception cref="ArgumentException"><paramref name="options"/> has a limit out of range.</exception>
    public JintExpressionEvaluator(JavaScriptOptions? options = null)
    {
        _options = options ?? new JavaScriptOptions();
        _options.Validate();
    }

    public IReadOnlyList<ExpressionProblem> Check(string script)
    {
        try
        {
            Prepare(script);
            return [];
        }
        catch (Exception ex) when (SyntaxError(ex) is { } error)
        {
            return [new ExpressionProblem(error.Description, error.LineNumber, error.Column + 1)];
        }
        catch (ScriptPreparationException ex)
        {
            return [new ExpressionProblem(Unpreparable(ex), 1, 1)];
        }
    }

    public JsonNode? Evaluate(string script, IExpressionScope scope, ExpressionSite site, CancellationToken cancellationToken)
    {
        Prepared<Script> prepared;
        try
        {
            prepared = Prepare(script);
        }
        catch (Exception ex) when (SyntaxError(ex) is { } error)
        {
            throw new ExpressionException(site, $"syntax error: {error.Description}", error.LineNumber, error.Column + 1, ex);
        }
        catch (ScriptPreparationException ex)
        {
            throw new ExpressionException(site, Unpreparable(ex), inner: ex);
        }

        var engine = CreateEngine(cancellationToken);
        var bridge = new ScopeBridge(engine, scope, script);
        JsonNode? result = null;

        // The script, the write-back and the conversion of its result run as one engine entry, so the limits cover a
        // toJSON or getter the conversion calls as well. Jint checks its limits before each statement, so a last
        // statement that overran (one huge 'x'.repeat(n)) would slip through: the budget checks catch it.
        var budget = new Budget(_options);
        var run = new ClrFunction(engine, "run", (_, _) =>
        {
            var value = engine.Evaluate(prepared);
            budget.Check();
            bridge.WriteBack();
            result = bridge.ToNode(value);
            budget.Check();
            return JsValue.Undefined;
        });

        try
        {
            bridge.Install();
            engine.Invoke(run);
            return result;
        }
        catch (JavaScriptException ex)
        {
            var reason = ReferenceEquals(ex.Error, bridge.RaisedError) ? ex.Message : $"script threw {ex.Error}";
            throw new ExpressionException(site, reason, ex.Location.Start.Line, ex.Location.Start.Column + 1, ex);
        }
        catch (LimitExceededException ex)
        {
            throw new ExpressionException(site, ex.Message, inner: ex);
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException(site, TimeMessage(_options), inner: ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException(site, $"ran more than the statement limit of {_options.MaxStatements:N0} statements (an endless loop?)", inner: ex);
        }
        catch (Exception ex) when (ex is MemoryLimitExceededException or OutOfMemoryException)
        {
            throw new ExpressionException(site, MemoryMessage(_options), inner: ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException(site, $"nested calls deeper than the recursion limit of {_options.MaxRecursionDepth} (endless recursion?)", inner: ex);
        }
        catch (ExecutionCanceledException ex)
        {
            throw new OperationCanceledException("The expression was cancelled with its workflow.", ex, cancellationToken);
        }
        catch (ScopeException ex)
        {
            throw new ExpressionException(site, ex.Message, inner: ex);
        }
        catch (JintException ex)
        {
            throw new ExpressionException(site, $"failed: {ex.Message}", inner: ex);
        }
    }

    /// <summary>The parser's error, whether Jint hands it over as is or wrapped in a preparation error.</summary>
    private static ParseError? SyntaxError(Exception exception) => exception switch
    {
        ParseErrorException parse => parse.Error,
        ScriptPreparationException { InnerException: ParseErrorException parse } => parse.Error,
        _ => null,
    };

    /// <summary>Why a script that is not a syntax error still cannot be parsed: in practice, nesting too deep for the parser.</summary>
    private static string Unpreparable(ScriptPreparationException exception) =>
        exception.InnerException is InsufficientExecutionStackException || exception.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? "the script nests brackets, calls or functions too deeply to be read; split it into smaller parts"
            : $"the script cannot be read: {exception.Message}";

    private static string TimeMessage(JavaScriptOptions options) => $"took longer than the time limit of {Seconds(options.TimeLimit)} (an endless loop?)";

    private static string MemoryMessage(JavaScriptOptions options) => $"allocated more than the memory limit of {Megabytes(options.MemoryLimitBytes)}";

    private static string Seconds(TimeSpan time) =>
        time.TotalSeconds >= 1 ? $"{time.TotalSeconds:0.###} s" : $"{time.TotalMilliseconds:0.###} ms";

    private static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.##} MiB" : $"{bytes / 1024.0:0.##} KiB";

    private JsEngine CreateEngine(CancellationToken cancellationToken)
    {
        var engine = new JsEngine(o =>
        {
            o.TimeoutInterval(_options.TimeLimit)
                .MaxStatements(_options.MaxStatements)
                .LimitMemory(_options.MemoryLimitBytes)
                .LimitRecursion(_options.MaxRecursionDepth)
                .RegexTimeoutInterval(_options.TimeLimit)
                .CancellationToken(cancellationToken);
            o.Constraints.PromiseTimeout = _options.TimeLimit;

            // No eval or new Function: workflow scripts never need them, and code built from strings at run time
            // escapes the validator's syntax check.
            o.Host.StringCompilationAllowed = false;
        });

        // Overwriting keeps the global object's shared shape; deleting would copy all its properties on every evaluation.
        foreach (var name in RemovedGlobals)
        {
            engine.Global.FastSetDataProperty(name, JsValue.Undefined);
        }

        return engine;
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

    /// <summary>A sandbox limit was found exceeded after a statement Jint had no chance to stop.</summary>
    private sealed class LimitExceededException(string message) : Exception(message);

    /// <summary>Time and bytes used by one evaluation, measured on the evaluating thread (evaluation is synchronous).</summary>
    private readonly struct Budget(JavaScriptOptions options)
    {
        private readonly long _startBytes = GC.GetAllocatedBytesForCurrentThread();
        private readonly long _startTime = System.Diagnostics.Stopwatch.GetTimestamp();

        public void Check()
        {
            if (GC.GetAllocatedBytesForCurrentThread() - _startBytes > options.MemoryLimitBytes)
            {
                throw new LimitExceededException(MemoryMessage(options));
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(_startTime) > options.TimeLimit)
            {
                throw new LimitExceededException(TimeMessage(options));
            }
        }
    }

    /// <summary>A variable or output could not be set (undeclared, wrong type).</summary>
    private sealed class ScopeException(string message) : Exception(message);

    /// <summary>
    /// Connects the workflow's scope to one engine: values cross as JSON, never as CLR objects. Names are bound only
    /// when the script's text mentions them, so a workflow with many variables or a large input costs little per evaluation.
    /// </summary>
    private sealed class ScopeBridge(JsEngine engine, IExpressionScope scope, string script)
    {
        private readonly Dictionary<string, JsValue> _assigned = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (JsValue Value, JsonNode? Original)> _read = new(StringComparer.Ordinal);
        private JsonParser? _parser;
        private JsonSerializer? _serializer;
        private ObjectInstance? _output;

        public IReadOnlyCollection<string> VariableNames => scope.VariableNames;

        public void Install()
        {
            engine.SetValue("variables", new VariablesObject(engine, this));
            foreach (var name in scope.VariableNames)
            {
                var pascal = char.ToUpperInvariant(name[0]) + name[1..];
                if (!script.Contains(pascal, StringComparison.Ordinal))
                {
                    continue;
                }

                var captured = name;
                engine.SetValue($"get{pascal}", Function($"get{pascal}", (_, _) => Read(captured)));
                engine.SetValue($"set{pascal}", Function($"set{pascal}", (_, args) =>
                {
                    Assign(captured, Arg(args, 0));
                    return JsValue.Undefined;
                }));
            }

            // Elsa compatibility: workflow inputs are read as get<Name>() too (getA() + getB()); a same-named variable wins.
            foreach (var (name, _) in scope.Input)
            {
                var pascal = name.Length == 0 ? "" : char.ToUpperInvariant(name[0]) + name[1..];
                if (pascal.Length == 0 || !pascal.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
                    || !script.Contains("get" + pascal, StringComparison.Ordinal)
                    || scope.VariableNames.Any(v => string.Equals(char.ToUpperInvariant(v[0]) + v[1..], pascal, StringComparison.Ordinal)))
                {
                    continue;
                }

                var input = name;
                engine.SetValue($"get{pascal}", Function($"get{pascal}", (_, _) => FromNode(scope.Input[input])));
            }

            if (Mentions("input"))
            {
                engine.SetValue("input", FromNode(scope.Input));
            }

            if (Mentions("output"))
            {
                engine.SetValue("output", Output());
            }

            engine.SetValue("getVariable", Function("getVariable", (_, args) =>
            {
                var name = Text(args, 0);
                return IsDeclared(name) ? Read(name) : JsValue.Undefined;
            }));
            engine.SetValue("setVariable", Function("setVariable", (_, args) =>
            {
                Assign(Text(args, 0), Arg(args, 1));
                return JsValue.Undefined;
            }));
            engine.SetValue("getInput", Function("getInput", (_, args) => FromNode(scope.Input[Text(args, 0)])));
            engine.SetValue("setOutput", Function("setOutput", (_, args) =>
            {
                Output().Set(Text(args, 0), Arg(args, 1));
                return JsValue.Undefined;
            }));
            engine.SetValue("setOutcome", Function("setOutcome", (_, args) =>
            {
                if (scope.SetOutcome is null)
                {
                    throw Error("setOutcome() can only be used in a RunJavaScript activity");
                }

                foreach (var arg in args)
                {
                    scope.SetOutcome(arg.ToString());
                }

                return JsValue.Undefined;
            }));
            engine.SetValue("log", Function("log", (_, args) =>
            {
                scope.Log?.Invoke(string.Join(" ", args.Select(a => a.IsString() ? a.AsString() : Serializer.Serialize(a).ToString())));
                return JsValue.Undefined;
            }));
            foreach (var (name, value) in scope.Bindings)
            {
                if (Mentions(name))
                {
                    engine.SetValue(name, FromNode(value));
                }
            }
        }

        public bool IsDeclared(string name) => scope.VariableNames.Contains(name);

        /// <summary>A variable's current value as the script sees it; objects are kept so changes made in place are written back.</summary>
        public JsValue Read(string name)
        {
            if (_assigned.TryGetValue(name, out var assigned))
            {
                return assigned;
            }

            if (_read.TryGetValue(name, out var read))
            {
                return read.Value;
            }

            var original = scope.GetVariable(name);
            var value = FromNode(original);
            if (value is ObjectInstance)
            {
                _read[name] = (value, original);
            }

            return value;
        }

        /// <summary>Records an assignment; it reaches the workflow only when the script completes.</summary>
        public void Assign(string name, JsValue value)
        {
            if (!IsDeclared(name))
            {
                throw Error($"the workflow declares no variable '{name}'; add it under variables, or fix the name (declared: {Declared()})");
            }

            _assigned[name] = value;
            _read.Remove(name);
        }

        /// <summary>Stores variables the script set or changed in place, and outputs it set.</summary>
        public void WriteBack()
        {
            try
            {
                foreach (var (name, value) in _assigned)
                {
                    scope.SetVariable(name, ToNode(value));
                }

                foreach (var (name, (value, original)) in _read)
                {
                    var now = ToNode(value);
                    if (!JsonNode.DeepEquals(now, original))
                    {
                        scope.SetVariable(name, now);
                    }
                }

                if (_output is not null && ToNode(_output) is JsonObject output)
                {
                    foreach (var (name, value) in output)
                    {
                        if (!scope.Output.TryGetPropertyValue(name, out var before) || !JsonNode.DeepEquals(before, value))
                        {
                            scope.SetOutput(name, value);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or Runtime.WorkflowFaultException)
            {
                throw new ScopeException(ex.Message);
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

            var json = Serializer.Serialize(value);
            return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
        }

        private JsonSerializer Serializer => _serializer ??= new JsonSerializer(engine);

        private ObjectInstance Output()
        {
            if (_output is null)
            {
                _output = (ObjectInstance)FromNode(scope.Output);
                engine.SetValue("output", _output);
            }

            return _output;
        }

        private bool Mentions(string name) => script.Contains(name, StringComparison.Ordinal);

        private string Declared() => scope.VariableNames.Count == 0 ? "none" : string.Join(", ", scope.VariableNames);

        private JsValue FromNode(JsonNode? node)
        {
            switch (node)
            {
                case null:
                    return JsValue.Null;
                case JsonObject obj:
                    var result = new JsObject(engine);
                    foreach (var (name, value) in obj)
                    {
                        result.FastSetDataProperty(name, FromNode(value));
                    }

                    return result;
                case JsonArray array:
                    var items = new JsValue[array.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = FromNode(array[i]);
                    }

                    return new JsArray(engine, items);
                case JsonValue v when v.TryGetValue<string>(out var s):
                    return new JsString(s);
                case JsonValue v when v.TryGetValue<bool>(out var b):
                    return b ? JsBoolean.True : JsBoolean.False;
                case JsonValue v when v.TryGetValue<double>(out var d):
                    return new JsNumber(d);
                default:
                    return (_parser ??= new JsonParser(engine)).Parse(node.ToJsonString());
            }
        }

        /// <summary>The last error the bridge raised, so it is reported as the bridge's own message rather than as a script error.</summary>
        public JsValue? RaisedError { get; private set; }

        /// <summary>A TypeError the script can see (and catch), positioned at the call that caused it.</summary>
        public JavaScriptException Error(string message)
        {
            var error = new JavaScriptException(engine.Intrinsics.TypeError, message);
            RaisedError = error.Error;
            return error;
        }

        private static JsValue Arg(JsValue[] args, int index) => args.Length > index ? args[index] : JsValue.Undefined;

        private static string Text(JsValue[] args, int index) => args.Length > index ? args[index].ToString() : "";

        private ClrFunction Function(string name, Func<JsValue, JsValue[], JsValue> body) => new(engine, name, body);
    }
}
