using System.Text.Json.Nodes;
using Automation.Engine.Runtime;
using Automation.Robots.Tests.Evidence;

namespace Automation.Robots.Tests.Sessions;

/// <summary>An instance's robot sessions close when the instance ends, not when the host stops.</summary>
public sealed class InstanceSessionsTests : IAsyncDisposable
{
    private readonly FakeRobotHost _host = new();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Run_FaultsAfterOpeningTwoSessions_ClosesBothAtOnce()
    {
        var result = await _host.RunAsync([],
            [("web", "Robot.Open", """{ "target": "web" }"""), ("desk", "Robot.Open", """{ "target": "desk" }"""), ("click", "Robot.Click", """{ "target": "web", "selector": "#missing" }""")],
            "web -> desk", "desk -> click");

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Equal(0, _host.Sessions.Count);
        Assert.Equal(2, _host.Driver.Opened.Count);
        Assert.All(_host.Driver.Opened, s => Assert.True(s.Disposed));
    }

    [Fact]
    public async Task Run_FinishesWithoutClose_ClosesTheSession()
    {
        var result = await _host.RunAsync([], [("web", "Robot.Open", """{ "target": "web" }""")]);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(0, _host.Sessions.Count);
        Assert.True(Assert.Single(_host.Driver.Opened).Disposed);
    }

    [Fact]
    public async Task Cancel_SuspendedInstanceWithASession_KeepsItWhileWaitingAndClosesItOnCancel()
    {
        var result = await _host.RunAsync([],
            [("web", "Robot.Open", """{ "target": "web" }"""), ("wait", "WaitForSignal", """{ "signal": "go" }""")],
            "web -> wait");
        var whileWaiting = _host.Sessions.Count;

        var cancelled = await _host.Runtime.CancelAsync(result.InstanceId, CancellationToken.None);

        Assert.Equal(InstanceStatus.Suspended, result.Status);
        Assert.Equal(1, whileWaiting);
        Assert.Equal(InstanceStatus.Cancelled, cancelled.Status);
        Assert.Equal(0, _host.Sessions.Count);
        Assert.True(Assert.Single(_host.Driver.Opened).Disposed);
    }

    [Fact]
    public async Task Run_OtherInstanceEnds_LeavesThisInstancesSessionOpen()
    {
        var waiting = await _host.RunAsync([],
            [("web", "Robot.Open", """{ "target": "web" }"""), ("wait", "WaitForSignal", """{ "signal": "go" }""")],
            "web -> wait");

        var other = await _host.RunAsync([], [("web", "Robot.Open", """{ "target": "web" }""")]);

        Assert.Equal(InstanceStatus.Finished, other.Status);
        Assert.Equal(1, _host.Sessions.Count);
        Assert.NotNull(_host.Sessions.Find(waiting.InstanceId, "web"));
        await _host.Runtime.SignalAsync("go", new JsonObject(), waiting.InstanceId, CancellationToken.None);
        Assert.Equal(0, _host.Sessions.Count);
    }
}
