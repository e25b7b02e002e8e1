using Automation.Engine.Runtime;

namespace Automation.Engine.Activities;

/// <summary>What the runtime does after an activity ran.</summary>
public enum ResultKind
{
    /// <summary>Continue through the given ports (none: this path ends here).</summary>
    Continue,

    /// <summary>Wait for the bookmark to be resumed; the instance suspends when nothing else can run.</summary>
    Suspend,

    /// <summary>Finish the whole workflow now, whatever else is pending.</summary>
    EndWorkflow,
}

/// <summary>The result of one activity execution.</summary>
public sealed class ActivityResult
{
    private static readonly string[] DonePorts = [Activities.Ports.Done];

    private ActivityResult(ResultKind kind, IReadOnlyList<string> ports, BookmarkRequest? bookmark)
    {
        Kind = kind;
        Ports = ports;
        Bookmark = bookmark;
    }

    public ResultKind Kind { get; }

    public IReadOnlyList<string> Ports { get; }

    public BookmarkRequest? Bookmark { get; }

    /// <summary>Continue through <c>Done</c>.</summary>
    public static ActivityResult Done { get; } = new(ResultKind.Continue, DonePorts, null);

    /// <summary>Consume the token without continuing (a Join still waiting, a loop that ended without a Done edge).</summary>
    public static ActivityResult Stop { get; } = new(ResultKind.Continue, [], null);

    public static ActivityResult End { get; } = new(ResultKind.EndWorkflow, [], null);

    public static ActivityResult Outcome(string port) =>
        port == Activities.Ports.Done ? Done : new(ResultKind.Continue, [port], null);

    public static ActivityResult Outcomes(IReadOnlyList<string> ports) => new(ResultKind.Continue, ports, null);

    public static ActivityResult Suspend(BookmarkRequest bookmark) => new(ResultKind.Suspend, [], bookmark);
}
