using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;
using Automation.Engine.Masking;
using Automation.Engine.Runtime;

namespace Automation.Engine.Activities;

/// <summary>Everything an activity may see and change during one execution.</summary>
public sealed class ActivityContext : IExpressionScope
{
    private readonly InstanceRun _run;
    private readonly CompiledNode _node;
    private Dictionary<string, JsonNode?>? _bindings;
    private JsonObject? _journalInputs;
    private JsonObject? _journalOutputs;
    private List<string>? _log;

    internal ActivityContext(InstanceRun run, CompiledNode node, Token token, int attempt)
    {
        _run = run;
        _node = node;
        Token = token;
        Attempt = attempt;
    }

    public string ActivityId => _node.Node.Id;

    public ActivityNode Node => _node.Node;

    public string InstanceId => _run.Instance.Id;

    public string? CorrelationId => _run.Instance.CorrelationId;

    public WorkflowDefinition Definition => _run.Workflow.Definition;

    /// <summary>How the flow arrived here.</summary>
    public Token Token { get; }

    /// <summary>1 for the first attempt, 2 for the first retry, and so on.</summary>
    public int Attempt { get; internal set; }

    /// <summary>True when no retry is left after this attempt (activities then route failures to ports instead of throwing).</summary>
    public bool IsLastAttempt => Attempt > (_node.Node.Resilience?.RetryCount ?? 0);

    public TimeProvider Clock => _run.Clock;

    /// <summary>Persistent state of this activity within the instance (survives suspension); null when none.</summary>
    public JsonNode? State
    {
        get => _run.Instance.State.ActivityState.TryGetPropertyValue(ActivityId, out var s) ? s : null;
        set
        {
            if (value is null)
            {
                _run.Instance.State.ActivityState.Remove(ActivityId);
            }
            else
            {
                _run.Instance.State.ActivityState[ActivityId] = value;
            }
        }
    }

    /// <summary>Number of connections entering this activity.</summary>
    public int InboundCount => _node.Inbound.Count;

    public IReadOnlyList<(string Activity, string Port)> Inbound => _node.Inbound;

    IReadOnlyCollection<string> IExpressionScope.VariableNames => _run.Workflow.Variables.Keys;

    public JsonObject Input => _run.Instance.State.Input;

    public JsonObject Output => _run.Instance.State.Output;

    IReadOnlyDictionary<string, JsonNode?> IExpressionScope.Bindings => (IReadOnlyDictionary<string, JsonNode?>?)_bindings ?? EmptyBindings;

    Action<string>? IExpressionScope.SetOutcome => ChosenOutcomes is null ? null : ChooseOutcome;

    Action<string>? IExpressionScope.Log => Log;

    /// <summary>Outcomes chosen by a script through <c>setOutcome</c>; only collected after <see cref="CollectOutcomes"/>.</summary>
    public List<string>? ChosenOutcomes { get; private set; }

    internal JsonObject? JournalInputs => _journalInputs;

    internal JsonObject? JournalOutputs => _journalOutputs;

    internal List<string>? LogLines => _log;

    private static Dictionary<string, JsonNode?> EmptyBindings { get; } = [];

    /// <summary>Reads an input: the node's literal, the result of its expression, or the input's default.</summary>
    public T? Get<T>(Input<T> input) => Get(input, personal: false);

    /// <summary>Reads an input whose value is personal data (for example the value written to a personal variable): the journal shows it masked.</summary>
    public T? Get<T>(Input<T> input, bool personal)
    {
        var raw = _node.RawInput(input.Name);
        if (raw is null)
        {
            return input.Default;
        }

        JsonNode? value;
        if (ExpressionInput.TryGetScript(raw, out var script))
        {
            value = Evaluate(script, input.Name);
            RecordInput(input.Name, value, personal);
        }
        else
        {
            value = raw;
            if (_run.Options.JournalLiteralInputs)
            {
                RecordInput(input.Name, value, personal);
            }
        }

        if (value is null)
        {
            return input.Default;
        }

        if (!JsonValueConverter.TryCoerce(value, input.Type, out var coerced, out var error))
        {
            throw new WorkflowFaultException($"Input '{input.Name}' of activity '{ActivityId}': {error}. Fix the value or expression in the designer.");
        }

        try
        {
            return JsonValueConverter.FromNode<T>(coerced);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException or InvalidCastException)
        {
            throw new WorkflowFaultException($"Input '{input.Name}' of activity '{ActivityId}' has {JsonValueConverter.Describe(value)} that cannot be read as {typeof(T).Name}.", ex);
        }
    }

    /// <summary>Whether the node sets this input at all.</summary>
    public bool Has(InputDescriptor input) => _node.RawInput(input.Name) is not null;

    /// <summary>Runs a script in this activity's scope (used by RunJavaScript).</summary>
    public JsonNode? Evaluate(string script, string inputName) =>
        _run.Expressions.Evaluate(script, this, new ExpressionSite(ActivityId, inputName), _run.CancellationToken);

    /// <summary>Makes a name visible to expressions evaluated after this call (for example <c>item</c>).</summary>
    public void Bind(string name, JsonNode? value) => (_bindings ??= new(StringComparer.Ordinal))[name] = value;

    /// <summary>Lets scripts call <c>setOutcome</c>; the chosen ports end up in <see cref="ChosenOutcomes"/>.</summary>
    public void CollectOutcomes() => ChosenOutcomes ??= [];

    public JsonNode? GetVariable(string name)
    {
        if (!_run.Workflow.Variables.ContainsKey(name))
        {
            throw new WorkflowFaultException($"Activity '{ActivityId}' reads variable '{name}', which the workflow does not declare. Add it under variables.");
        }

        return _run.Instance.State.Variables.TryGetPropertyValue(name, out var value) ? value : null;
    }

    public bool HasVariable(string name) => _run.Workflow.Variables.ContainsKey(name);

    /// <summary>Whether the workflow marks this variable as personal data.</summary>
    public bool IsPersonalVariable(string name) => _run.Workflow.Variables.TryGetValue(name, out var variable) && variable.Personal;

    /// <summary>Sets a declared variable, converting it to the variable's type.</summary>
    public void SetVariable(string name, JsonNode? value)
    {
        if (!_run.Workflow.Variables.TryGetValue(name, out var variable))
        {
            throw new WorkflowFaultException($"Activity '{ActivityId}' sets variable '{name}', which the workflow does not declare. Add it under variables.");
        }

        if (!JsonValueConverter.TryCoerce(value, variable.Type, out var coerced, out var error))
        {
            throw new WorkflowFaultException($"Activity '{ActivityId}' cannot set variable '{name}': {error}.");
        }

        // Always a copy: the value may be a literal of the definition, which other instances share.
        var stored = coerced?.DeepClone();
        _run.Instance.State.Variables[name] = stored;
        RecordOutput(name, stored, variable.Personal);
    }

    /// <summary>Sets a workflow output.</summary>
    public void SetOutput(string name, JsonNode? value)
    {
        var declared = Definition.Outputs.Find(o => o.Name == name);
        var stored = value?.DeepClone();
        if (declared is not null && !JsonValueConverter.TryCoerce(stored, declared.Type, out stored, out var error))
        {
            throw new WorkflowFaultException($"Activity '{ActivityId}' cannot set output '{name}': {error}.");
        }

        _run.Instance.State.Output[name] = stored;
        RecordOutput("output." + name, stored, declared?.Personal ?? false);
    }

    /// <summary>Writes a line to the workflow log and this execution's journal entry.</summary>
    public void Log(string message)
    {
        var masked = PersonalDataMasker.MaskText(message);
        (_log ??= []).Add(masked);
        _run.Log.Write(InstanceId, ActivityId, masked);
    }

    /// <summary>Records a value the activity produced in the journal (masked when personal or when it looks like a CPR number).</summary>
    public void RecordOutput(string name, JsonNode? value, bool personal = false) =>
        (_journalOutputs ??= [])[name] = PersonalDataMasker.Mask(value, personal);

    /// <summary>Whether any connection leaves <paramref name="port"/>.</summary>
    public bool IsConnected(string port) => _node.Outgoing.ContainsKey(port);

    /// <summary>Whether the flow arrived here from a path that started at this activity's <paramref name="port"/> (a loop body coming back).</summary>
    public bool IsReturningFrom(string port) => _run.Workflow.IsDownstreamOf(ActivityId, port, Token.FromActivity);

    /// <summary>Removes pending work upstream of this activity (a WaitAny join that already continued).</summary>
    public void CancelUpstream() => _run.CancelUpstreamOf(ActivityId);

    /// <summary>Starts (or, after a crash, finds again) a child instance of another workflow and runs it until it finishes or suspends.</summary>
    public Task<RunResult> RunChildAsync(string definitionId, int? version, JsonObject input, CancellationToken cancellationToken) =>
        _run.RunChildAsync(this, definitionId, version, input, cancellationToken);

    private void ChooseOutcome(string port) => ChosenOutcomes?.Add(port);

    private void RecordInput(string name, JsonNode? value, bool personal) =>
        (_journalInputs ??= [])[name] = PersonalDataMasker.Mask(value, personal);
}
