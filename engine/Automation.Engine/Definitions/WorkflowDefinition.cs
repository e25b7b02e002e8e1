using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Automation.Engine.Definitions;

/// <summary>
/// A workflow as a process owner draws it: a flowchart of activities joined by connections,
/// with typed inputs, outputs and variables. This is the persisted JSON format (see <c>workflow.schema.json</c>).
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>Stable identifier of the workflow across versions (letters, digits, '-', '_', '.').</summary>
    public string Id { get; set; } = "";

    /// <summary>Human-readable name shown in the designer and the run log.</summary>
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Version number; 0 for a draft that was never published.</summary>
    public int Version { get; set; }

    public List<WorkflowInput> Inputs { get; set; } = [];

    public List<WorkflowOutput> Outputs { get; set; } = [];

    public List<VariableDefinition> Variables { get; set; } = [];

    /// <summary>Triggers that start the workflow (manual, HTTP, cron, timer). Interpreted by the server.</summary>
    public List<TriggerDefinition> Triggers { get; set; } = [];

    public Flowchart Root { get; set; } = new();

    /// <summary>Where the definition came from when it was imported (for example <c>elsa3</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ImportedFrom { get; set; }
}

/// <summary>The root flowchart: activities and the connections between their ports.</summary>
public sealed class Flowchart
{
    public List<ActivityNode> Activities { get; set; } = [];

    public List<Connection> Connections { get; set; } = [];
}

/// <summary>One activity placed on the flowchart.</summary>
public sealed class ActivityNode
{
    public string Id { get; set; } = "";

    /// <summary>The activity type name as registered (for example <c>Log</c>), never a CLR type name.</summary>
    public string Type { get; set; } = "";

    /// <summary>Optional display name chosen by the designer user.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    /// <summary>Input values: a JSON literal, or an expression object such as <c>{"js": "variables.count + 1"}</c>.</summary>
    public Dictionary<string, JsonNode?> Inputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Retry and timeout for this activity; absent means run once without a timeout of its own.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResilienceSettings? Resilience { get; set; }

    /// <summary>Free-form metadata; <c>designer</c> holds the canvas position.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Metadata { get; set; }
}

/// <summary>A connection from an outcome port of one activity to another activity.</summary>
public sealed class Connection
{
    public Endpoint Source { get; set; } = new();

    public Endpoint Target { get; set; } = new();
}

/// <summary>One end of a connection.</summary>
public sealed class Endpoint
{
    public string Activity { get; set; } = "";

    /// <summary>The outcome port on a source; on a target it is informational (activities have one input).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Port { get; set; }
}

/// <summary>Retry and timeout for one activity, applied through Polly.</summary>
public sealed class ResilienceSettings
{
    /// <summary>How many times to retry after the first failure. <value>0</value></summary>
    public int RetryCount { get; set; }

    /// <summary>Delay before the first retry. <value>1 second</value></summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the delay doubles after each retry. <value>true</value></summary>
    public bool ExponentialBackoff { get; set; } = true;

    /// <summary>Time limit of one attempt; null means none.</summary>
    public TimeSpan? Timeout { get; set; }
}

/// <summary>The value types a variable, input or output can have.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DataType>))]
public enum DataType
{
    Any,
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    DateTime,
}

/// <summary>A workflow variable.</summary>
public sealed class VariableDefinition
{
    public string Name { get; set; } = "";

    public DataType Type { get; set; } = DataType.Any;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Default { get; set; }

    /// <summary>Marks the value as personal data: it is masked in the journal and the run log.</summary>
    public bool Personal { get; set; }
}

/// <summary>A value the caller passes when starting the workflow.</summary>
public sealed class WorkflowInput
{
    public string Name { get; set; } = "";

    public DataType Type { get; set; } = DataType.Any;

    public bool Required { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Default { get; set; }

    public bool Personal { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }
}

/// <summary>A value the workflow returns when it finishes.</summary>
public sealed class WorkflowOutput
{
    public string Name { get; set; } = "";

    public DataType Type { get; set; } = DataType.Any;

    public bool Personal { get; set; }
}

/// <summary>How a published workflow is started besides manually.</summary>
public sealed class TriggerDefinition
{
    /// <summary><c>manual</c>, <c>http</c>, <c>cron</c>, <c>timer</c> or <c>fileDrop</c>.</summary>
    public string Kind { get; set; } = "manual";

    /// <summary>For <c>http</c>: the path under <c>/workflows/</c>. For <c>fileDrop</c>: the watched folder (absolute).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; set; }

    /// <summary>For <c>fileDrop</c>: which file names start an instance, for example <c>*.csv</c>; every file when left out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Pattern { get; set; }

    /// <summary>For <c>http</c>: allowed methods.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Methods { get; set; }

    /// <summary>For <c>cron</c>: a cron expression (5 or 6 fields).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Cron { get; set; }

    /// <summary>For <c>timer</c>: the interval.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? Interval { get; set; }

    /// <summary>The activity the trigger enters at; null means the flowchart's start.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Activity { get; set; }
}
