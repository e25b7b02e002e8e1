namespace Automation.Benchmarks.Engine.Harness;

/// <summary>One thing to measure: a workflow engine running one flow for a number of instances.</summary>
internal interface IScenario
{
    /// <summary>Row label, for example <c>ours in-memory</c>.</summary>
    string Engine { get; }

    /// <summary>Activities (steps) each instance executes.</summary>
    int Steps { get; }

    /// <summary>Untimed: gets a clean store ready for <paramref name="instances"/> instances.</summary>
    Task PrepareAsync(int instances, CancellationToken cancellationToken);

    /// <summary>Timed: starts <paramref name="instances"/> instances and returns when every one has completed.</summary>
    Task RunAsync(int instances, CancellationToken cancellationToken);

    /// <summary>Untimed: checks that every instance really ran every step; throws if not.</summary>
    Task VerifyAsync(int instances, CancellationToken cancellationToken);

    /// <summary>Untimed: drops the round's instances, so the next scenario's round starts on a heap without them.</summary>
    Task ReleaseAsync();
}
