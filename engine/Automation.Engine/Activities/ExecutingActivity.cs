namespace Automation.Engine.Activities;

/// <summary>
/// The activity whose <c>ExecuteAsync</c> or <c>ResumeAsync</c> is running in the current async flow, or null. Lets
/// services an activity calls (the credential vault's run-log wrapper) say which instance and activity they acted
/// for, without every service taking the context as a parameter. Set by the runtime only; flows into everything the
/// activity awaits and is gone when it returns.
/// </summary>
public static class ExecutingActivity
{
    private static readonly AsyncLocal<ActivityContext?> Ambient = new();

    /// <summary>The running activity's context, or null outside an activity.</summary>
    public static ActivityContext? Current => Ambient.Value;

    internal static void Set(ActivityContext context) => Ambient.Value = context;
}
