namespace Automation.Engine.RunLog;

/// <summary>What kind of party an event happened on behalf of.</summary>
public enum RunLogActorKind
{
    /// <summary>A signed-in person.</summary>
    User,

    /// <summary>An API token (an agent or integration).</summary>
    Token,

    /// <summary>A schedule, file drop, HTTP call or other trigger.</summary>
    Trigger,

    /// <summary>The platform itself (the engine, start-up checks).</summary>
    System,
}

/// <summary>Who an event happened on behalf of.</summary>
/// <param name="Kind">User, token, trigger or system.</param>
/// <param name="Name">User name, token name, trigger id or component name.</param>
public sealed record RunLogActor(RunLogActorKind Kind, string Name)
{
    /// <summary>The engine, when nobody else is known.</summary>
    public static RunLogActor Engine { get; } = new(RunLogActorKind.System, "engine");

    // Flows with the async call (a request, a trigger's run) so that events the engine records deep down name who
    // started the work, without passing an actor through the runtime.
    private static readonly AsyncLocal<RunLogActor?> Ambient = new();

    /// <summary>The actor of the current call flow, or null.</summary>
    public static RunLogActor? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}
