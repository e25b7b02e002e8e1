namespace Automation.Engine.RunLog;

/// <summary>The event types the platform records. Dotted: area, then what happened.</summary>
public static class RunLogEventTypes
{
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string DefinitionPublished = "definition.published";
    public const string InstanceStarted = "instance.started";
    public const string InstanceSuspended = "instance.suspended";
    public const string InstanceResumed = "instance.resumed";
    public const string InstanceFinished = "instance.finished";
    public const string InstanceFaulted = "instance.faulted";
    public const string InstanceCancelled = "instance.cancelled";
    public const string InstanceRetried = "instance.retried";
    public const string ActivityExecuted = "activity.executed";
    public const string RunLogRead = "runlog.read";
    public const string RunLogVerified = "runlog.verified";
}
