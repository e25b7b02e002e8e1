using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Robots.Evidence;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Microsoft.Extensions.Options;

namespace Automation.Robots.Activities;

/// <summary>
/// The common part of robot activities that work in an open session: finds the session, reads the timeout, and on
/// failure takes a screenshot into the evidence store and names its reference in the journal and the fault.
/// </summary>
public abstract class RobotActivity(RobotServices services) : IActivity
{
    protected RobotServices Services { get; } = services;

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Get(RobotInputs.Target);
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' names no target system; set 'target' to the name used by its Open activity.");
        }

        var session = Services.Sessions.Find(context.InstanceId, target)
            ?? throw new WorkflowFaultException($"Activity '{context.ActivityId}' works in robot target '{target}', but no session is open for it in this instance; put an Open activity for '{target}' before it.");
        var timeout = ReadTimeout(context, Services.Options.DefaultTimeout);
        try
        {
            return await RunAsync(context, session, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (SelectorException ex)
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}': {ex.Message}", ex);
        }
        catch (RobotException ex)
        {
            throw await FailWithScreenshotAsync(context, session, ex, Services.Evidence, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the step; robot failures are thrown as <see cref="RobotException"/>.</summary>
    protected abstract Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken);

    protected static Selector ReadSelector(ActivityContext context, Engine.Activities.Input<System.Text.Json.Nodes.JsonNode> input)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return Selector.Parse(context.Get(input));
        }
        catch (SelectorException ex)
        {
            throw new WorkflowFaultException($"Input '{input?.Name}' of activity '{context.ActivityId}': {ex.Message}", ex);
        }
    }

    /// <summary>Writes which candidate found the element to the journal.</summary>
    protected static void LogMatch(ActivityContext context, string step, ElementMatch? match)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (match is not null)
        {
            context.Log($"{step}: candidate {match.Candidate} of {match.Selector} matched");
        }
    }

    /// <summary>Stores <paramref name="value"/> in the variable named by the node's <c>variable</c> input, when there is one.</summary>
    protected static void Store(ActivityContext context, Input<string> variable, System.Text.Json.Nodes.JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Get(variable);
        if (!string.IsNullOrEmpty(name))
        {
            context.SetVariable(name, value);
        }
    }

    internal static TimeSpan ReadTimeout(ActivityContext context, TimeSpan fallback)
    {
        var text = context.Get(RobotInputs.Timeout);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!JsonValueConverter.TryDuration(text.Trim(), out var timeout) || timeout <= TimeSpan.Zero)
        {
            throw new WorkflowFaultException($"Input 'timeout' of activity '{context.ActivityId}' is '{text}'; give a positive duration such as 00:00:10, PT10S or 10000 (milliseconds).");
        }

        return timeout;
    }

    /// <summary>Takes a screenshot as evidence, logs its reference and returns the exception to throw.</summary>
    internal static async Task<RobotException> FailWithScreenshotAsync(ActivityContext context, IRobotSession session, RobotException failure, IEvidenceStore evidence, CancellationToken cancellationToken)
    {
        string shot;
        try
        {
            var png = await session.ScreenshotAsync(cancellationToken).ConfigureAwait(false);
            using var stream = new MemoryStream(png, writable: false);
            shot = "screenshot " + await evidence.SaveAsync(stream, EvidenceMediaTypes.Png, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RobotException or IOException or UnauthorizedAccessException)
        {
            shot = "no screenshot (" + ex.Message + ")";
        }

        context.Log($"Failed: {failure.Message} Evidence: {shot}");
        return new RobotStepFailedException($"Activity '{context.ActivityId}': {failure.Message} Evidence: {shot}.", failure);
    }
}

/// <summary>A robot step that failed; the message carries the evidence reference of the screenshot taken.</summary>
public sealed class RobotStepFailedException : RobotException
{
    public RobotStepFailedException()
    {
    }

    public RobotStepFailedException(string message)
        : base(message)
    {
    }

    public RobotStepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What robot activities depend on, in one constructor argument.</summary>
public sealed class RobotServices(RobotSessions sessions, IEvidenceStore evidence, IOptions<RobotOptions> options, IEnumerable<IRobotDriver> drivers, QueueItemEvidence itemEvidence)
{
    /// <summary>Per-item traces, told when a session opens or closes while an item is in progress.</summary>
    public QueueItemEvidence ItemEvidence { get; } = itemEvidence;

    public RobotSessions Sessions { get; } = sessions;

    public IEvidenceStore Evidence { get; } = evidence;

    public RobotOptions Options { get; } = options.Value;

    public IReadOnlyList<IRobotDriver> Drivers { get; } = drivers.ToList();
}
