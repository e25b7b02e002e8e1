using Automation.Engine.Activities;

namespace Automation.Engine.Tests.Resilience;

/// <summary>How many more times <see cref="FlakyActivity"/> fails, and how often it ran.</summary>
internal sealed class Flakiness
{
    public int FailuresLeft { get; set; }

    public int Runs { get; set; }
}

/// <summary>Fails while <see cref="Flakiness.FailuresLeft"/> is above zero, like a target system that is briefly down.</summary>
[Activity("TestFlaky", "Test", "Flaky")]
internal sealed class FlakyActivity(Flakiness flakiness) : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        flakiness.Runs++;
        if (flakiness.FailuresLeft > 0)
        {
            flakiness.FailuresLeft--;
            throw new InvalidOperationException("The booking system did not answer");
        }

        return ValueTask.FromResult(ActivityResult.Done);
    }
}

/// <summary>Runs until cancelled; tells the test when it started.</summary>
[Activity("TestSlow", "Test", "Slow")]
internal sealed class SlowActivity : IActivity
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return ActivityResult.Done;
    }
}
