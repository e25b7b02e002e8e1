using System.Diagnostics;
using Automation.Connectors.Tests.Http;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Connections;

public sealed class ConnectionResilienceTests
{
    [Fact]
    public async Task StartAsync_503TwiceThen200_RetriesTwiceAndContinuesThrough200()
    {
        var requests = 0;
        using var server = new LocalHttpServer((context, ct) =>
            Interlocked.Increment(ref requests) <= 2
                ? HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct, status: 503)
                : HttpCallFlow.WriteJsonAsync(context.Response, """{ "id": 17 }""", ct));
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\", \"path\": \"referrals/17\""));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("ok", host.Log.Lines[^1]);
        Assert.Equal(17, result.Output["response"]!["body"]!["id"]!.GetValue<int>());
        var entry = await HttpCallFlow.CallEntryAsync(host, result);
        var retries = entry.Log!.Where(l => l.Contains("retry", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.StartsWith("Connection 'api': retry 1 of 3", retries[0], StringComparison.Ordinal);
        Assert.Contains("after status 503", retries[1], StringComparison.Ordinal);
        Assert.Equal(3, requests);
    }

    [Fact]
    public async Task StartAsync_ConcurrentInstancesOnOneConnection_EachJournalShowsOnlyItsOwnRetries()
    {
        var flaky = 0;
        using var server = new LocalHttpServer((context, ct) =>
            context.Request.Url!.AbsolutePath.EndsWith("/flaky", StringComparison.Ordinal) && Interlocked.Increment(ref flaky) == 1
                ? HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct, status: 503)
                : HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct));
        using var host = new TestHost(HttpCallFlow.Connection(server));

        var results = await Task.WhenAll(
            host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\", \"path\": \"flaky\"")),
            host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\", \"path\": \"steady\"")));

        var flakyEntry = await HttpCallFlow.CallEntryAsync(host, results[0]);
        var steadyEntry = await HttpCallFlow.CallEntryAsync(host, results[1]);
        Assert.Single(flakyEntry.Log!, l => l.Contains("retry 1 of 3", StringComparison.Ordinal));
        Assert.Null(steadyEntry.Log);
        Assert.Equal(["200", "200"], new[] { flakyEntry.Outcome, steadyEntry.Outcome });
    }

    [Fact]
    public async Task StartAsync_429WithRetryAfter_WaitsThatLongBeforeRetrying()
    {
        var requests = 0;
        using var server = new LocalHttpServer((context, ct) =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                context.Response.Headers["Retry-After"] = "1";
                return HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct, status: 429);
            }

            return HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server));
        var clock = Stopwatch.StartNew();

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"The retry came after {clock.Elapsed}, before the 1 s the server asked for.");
        Assert.Equal("ok", host.Log.Lines[^1]);
        var entry = await HttpCallFlow.CallEntryAsync(host, result);
        Assert.Contains(entry.Log!, l => l.Contains("retry 1 of 3 in 1 s after status 429 (Retry-After 1 s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_ServerAlwaysFails_BreakerOpensAndLaterCallsFailFast()
    {
        var requests = 0;
        using var server = new LocalHttpServer((context, ct) =>
        {
            Interlocked.Increment(ref requests);
            return HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct, status: 500);
        });
        using var host = new TestHost(HttpCallFlow.Connection(server, configure: c =>
        {
            c.Resilience.RetryCount = 0;
            c.Resilience.BreakerMinimumThroughput = 2;
            c.Resilience.BreakerFailureRatio = 0.5;
            c.Resilience.BreakDuration = TimeSpan.FromSeconds(30);
        }));
        var flow = HttpCallFlow.Calling("\"connection\": \"api\"");

        var first = await host.RunAsync(flow);
        var second = await host.RunAsync(flow);
        var third = await host.RunAsync(flow);

        Assert.Equal(["unmatched", "unmatched", "failed"], host.Log.Lines.Where(l => !l.Contains(' ', StringComparison.Ordinal)));
        Assert.Equal(2, requests);
        var opened = await HttpCallFlow.CallEntryAsync(host, second);
        Assert.Contains(opened.Log!, l => l.StartsWith("Connection 'api': circuit breaker opened for 30 s after status 500", StringComparison.Ordinal));
        var refused = await HttpCallFlow.CallEntryAsync(host, third);
        Assert.Equal("Failed", refused.Outcome);
        Assert.Contains(refused.Log!, l => l.Contains("circuit open", StringComparison.Ordinal) && l.Contains("'api'", StringComparison.Ordinal));
        Assert.Equal("Unmatched", (await HttpCallFlow.CallEntryAsync(host, first)).Outcome);
    }

    [Fact]
    public async Task StartAsync_BreakDurationOverAndServerBack_BreakerHalfOpensThenCloses()
    {
        var healthy = false;
        using var server = new LocalHttpServer((context, ct) =>
            HttpCallFlow.WriteJsonAsync(context.Response, "{}", ct, status: Volatile.Read(ref healthy) ? 200 : 500));
        using var host = new TestHost(HttpCallFlow.Connection(server, configure: c =>
        {
            c.Resilience.RetryCount = 0;
            c.Resilience.BreakerMinimumThroughput = 2;
            c.Resilience.BreakDuration = TimeSpan.FromMilliseconds(500);
        }));
        var flow = HttpCallFlow.Calling("\"connection\": \"api\"");
        await host.RunAsync(flow);
        var waited = Stopwatch.StartNew();
        await host.RunAsync(flow);
        Volatile.Write(ref healthy, true);

        // Calls are refused until the break is over; then one trial call goes through.
        RunResult result;
        while (true)
        {
            result = await host.RunAsync(flow);
            if (host.Log.Lines[^1] != "failed" || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal("ok", host.Log.Lines[^1]);
        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(450), $"The breaker let a call through after {waited.Elapsed}, before its 0.5 s break was over.");
        var trial = await HttpCallFlow.CallEntryAsync(host, result);
        Assert.Contains("Connection 'api': circuit breaker half-open; letting one trial call through.", trial.Log!);
        Assert.Contains("Connection 'api': circuit breaker closed; calls flow normally again.", trial.Log!);
    }

    [Fact]
    public async Task StartAsync_ServerTooSlow_RetriesThenTakesTheTimeoutPort()
    {
        using var server = new LocalHttpServer((_, ct) => Task.Delay(Timeout.Infinite, ct));
        using var host = new TestHost(HttpCallFlow.Connection(server, configure: c =>
        {
            c.Resilience.RetryCount = 1;
            c.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        }));

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\""));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("timeout", host.Log.Lines[^1]);
        var entry = await HttpCallFlow.CallEntryAsync(host, result);
        Assert.Equal("Timeout", entry.Outcome);
        Assert.Equal(2, entry.Log!.Count(l => l.Contains("attempt timed out after 0.2 s", StringComparison.Ordinal)));
        Assert.Contains(entry.Log!, l => l.Contains("retry 1 of 1", StringComparison.Ordinal) && l.Contains("attempt timeout", StringComparison.Ordinal));
        Assert.Contains("got no response within its attempt timeout", result.Output["response"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NothingListensAndFailedPortUnconnected_FaultsNamingThePort()
    {
        var nowhere = $"http://127.0.0.1:{LocalHttpServer.ClosedPort()}/";
        using var host = new TestHost(HttpCallFlow.Connection(nowhere, configure: c => c.Resilience.RetryCount = 0));

        var result = await host.RunAsync(HttpCallFlow.Calling("\"connection\": \"api\"", connectFailures: false));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("HTTP GET api/ failed", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("no connection from its 'Failed' port", result.Incident.Message, StringComparison.Ordinal);
    }
}
