using Automation.Benchmarks.Engine.Harness;

namespace Automation.Benchmarks.Engine.Peer;

/// <summary>One flow on the shared WorkflowCore host.</summary>
internal sealed class WorkflowCoreScenario(WorkflowCorePeer peer, int steps) : IScenario
{
    public string Engine => "WorkflowCore 3.22 in-memory";

    public int Steps => steps;

    public Task PrepareAsync(int instances, CancellationToken cancellationToken)
    {
        peer.PurgeStore();
        return Task.CompletedTask;
    }

    public Task RunAsync(int instances, CancellationToken cancellationToken) => peer.RunAsync(steps, instances, cancellationToken);

    public Task VerifyAsync(int instances, CancellationToken cancellationToken) => peer.VerifyAsync(steps, instances, cancellationToken);

    public Task ReleaseAsync()
    {
        peer.PurgeStore();
        return Task.CompletedTask;
    }
}
