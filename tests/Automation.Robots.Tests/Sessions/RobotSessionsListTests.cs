using Automation.Robots.Tests.Evidence;

namespace Automation.Robots.Tests.Sessions;

/// <summary>The read-only list of open sessions the operators' robots page shows.</summary>
public sealed class RobotSessionsListTests : IAsyncDisposable
{
    private readonly FakeRobotHost _host = new();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task List_TwoWaitingInstances_EachSessionWithItsInstanceTargetKindAndOpeningTime_UntilItsInstanceEnds()
    {
        var before = DateTimeOffset.UtcNow;
        var first = await _host.RunAsync([],
            [("web", "Robot.Open", """{ "target": "web" }"""), ("desk", "Robot.Open", """{ "target": "desk" }"""), ("wait", "WaitForSignal", """{ "signal": "go" }""")],
            "web -> desk", "desk -> wait");
        var second = await _host.RunAsync([],
            [("web", "Robot.Open", """{ "target": "web" }"""), ("wait", "WaitForSignal", """{ "signal": "go" }""")],
            "web -> wait");

        var open = _host.Sessions.List();
        await _host.Runtime.CancelAsync(first.InstanceId, CancellationToken.None);
        var afterCancel = _host.Sessions.List();

        // Instance ids made in the same millisecond differ only in their random part, so which one sorts first is not fixed.
        Assert.Equal(
            new[] { (first.InstanceId, "desk"), (first.InstanceId, "web"), (second.InstanceId, "web") }.OrderBy(s => s.InstanceId, StringComparer.Ordinal).ThenBy(s => s.Item2, StringComparer.Ordinal),
            open.Select(s => (s.InstanceId, s.Target)).OrderBy(s => s.InstanceId, StringComparer.Ordinal).ThenBy(s => s.Target, StringComparer.Ordinal));
        Assert.All(open, s => Assert.Equal("fake", s.Kind));
        Assert.All(open, s => Assert.True(s.OpenedAt >= before, $"{s.Target} of {s.InstanceId} has no opening time"));
        var left = Assert.Single(afterCancel);
        Assert.Equal((second.InstanceId, "web"), (left.InstanceId, left.Target));
    }
}
