namespace Automation.Engine.Activities;

/// <summary>
/// A unit of work on the flowchart. Implementations are stateless singletons that get their
/// dependencies through the constructor and everything about the current run through the context.
/// </summary>
public interface IActivity
{
    /// <summary>Runs the activity once. Throwing faults the activity (after its retries).</summary>
    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken);
}

/// <summary>Implemented by activities whose ports depend on their inputs (Fork branches, Switch cases, HTTP status codes).</summary>
public interface IDynamicOutcomes
{
    /// <summary>The ports this node offers, given its configured inputs (literals only; expressions are not evaluated).</summary>
    IReadOnlyList<string> OutcomesFor(Definitions.ActivityNode node);
}

/// <summary>Implemented by blocking activities to continue after their bookmark is resumed.</summary>
public interface IResumable
{
    /// <summary>Called when the bookmark this activity created is resumed with a payload.</summary>
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Runtime.Bookmark bookmark, System.Text.Json.Nodes.JsonNode? payload, CancellationToken cancellationToken);
}
